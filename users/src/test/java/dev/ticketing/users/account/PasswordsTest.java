package dev.ticketing.users.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    private final Passwords passwords = new Passwords();

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = passwords.hash("open sesame");
        assertThat(hash).startsWith("$2a$10$").doesNotContain("open sesame");
        assertThat(passwords.matches("open sesame", Optional.of(hash))).isTrue();
        assertThat(passwords.matches("open sesame!", Optional.of(hash))).isFalse();
    }

    @Test
    void noHashMatchesNothing() {
        assertThat(passwords.matches("open sesame", Optional.empty())).isFalse();
    }

    @Test
    void bytesBeyondBcryptsLimitAreNotIgnored() {
        String hash = passwords.hash("x".repeat(72));
        assertThat(passwords.matches("x".repeat(72), Optional.of(hash))).isTrue();
        assertThat(passwords.matches("x".repeat(72) + "y", Optional.of(hash))).isFalse();
    }
}
