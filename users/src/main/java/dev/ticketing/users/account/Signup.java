package dev.ticketing.users.account;

import dev.ticketing.spring.web.ApiException;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Creates users: a new UUID, the email as typed, the password's BCrypt hash. */
@Service
public class Signup {
    private final UserRepository users;
    private final Passwords passwords;

    Signup(UserRepository users, Passwords passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    /** @throws ApiException 400 "email in use" when a user has that email, in any case */
    public User signUp(String email, String password) {
        User user = new User(UUID.randomUUID().toString(), email, passwords.hash(password));
        if (!users.insert(user)) throw ApiException.badRequest("email in use", "email");
        return user;
    }
}
