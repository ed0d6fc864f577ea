package dev.ticketing.users.session;

import dev.ticketing.spring.web.ApiException;
import dev.ticketing.users.account.EmailKey;
import dev.ticketing.users.account.Passwords;
import dev.ticketing.users.account.User;
import dev.ticketing.users.account.UserRepository;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Checks credentials: the same answer, the same work, for an unknown email as for a wrong password. */
@Service
public class SignIn {
    static final String INVALID = "invalid email or password";
    private final UserRepository users;
    private final Passwords passwords;
    private final SignInThrottle throttle;

    SignIn(UserRepository users, Passwords passwords, SignInThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /**
     * @throws SignInLockedException after too many failures for this email
     * @throws ApiException 400 with one message for any wrong email or password
     */
    public User signIn(String email, String password) {
        String key = EmailKey.of(email);
        throttle.begin(key);
        Optional<User> user = users.findByEmail(email);
        if (!passwords.matches(password, user.map(User::passwordHash))) throw ApiException.badRequest(INVALID);
        throttle.succeeded(key);
        return user.get();
    }
}
