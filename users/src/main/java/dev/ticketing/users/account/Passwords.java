package dev.ticketing.users.account;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** BCrypt hashes of passwords; a password itself is never stored, logged or returned. */
@Component
public class Passwords {
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 72;
    /** BCrypt reads only the first 72 bytes of a password. */
    static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    // Of the same cost as real hashes: checking it takes as long as checking a user's password.
    private final String dummyHash = bcrypt.encode(UUID.randomUUID().toString());

    String hash(String password) {
        return bcrypt.encode(password);
    }

    /**
     * Whether the password is the one of that hash. Without a hash (no such user) it still runs one
     * BCrypt check, against a dummy hash, so an unknown email takes as long as a wrong password.
     */
    public boolean matches(String password, Optional<String> hash) {
        boolean matches = bcrypt.matches(password, hash.orElse(dummyHash));
        // BCrypt would compare only the first 72 bytes; a longer password was never accepted at signup.
        return matches && hash.isPresent() && !tooManyBytes(password);
    }

    static boolean tooManyBytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}
