package dev.ticketing.users.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.auth.JwtIssuer;
import dev.ticketing.common.testing.TestTokens;
import dev.ticketing.users.account.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Secure flag follows ticketing.session.secure-cookie (the API tests cover the default, off). */
class SessionCookiesTest {
    private static final User USER = new User("9b2d7c1e-0000-4000-8000-000000000002", "a@test.dev", "$2a$10$x");

    @Test
    void secureWhenConfigured() {
        SessionCookies cookies = cookies(true);
        assertThat(cookies.signedIn(USER).toString().split("; ")).contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(cookies.signedOut().toString().split("; ")).contains("Secure", "Max-Age=0");
    }

    @Test
    void notSecureWhenNotConfigured() {
        SessionCookies cookies = cookies(false);
        assertThat(cookies.signedIn(USER).toString().split("; ")).doesNotContain("Secure");
        assertThat(cookies.signedOut().toString().split("; ")).doesNotContain("Secure");
    }

    private static SessionCookies cookies(boolean secure) {
        SessionProperties props = new SessionProperties(Duration.ofHours(1), secure, 5, Duration.ofMinutes(15),
                Duration.ofSeconds(60));
        return new SessionCookies(new JwtIssuer(TestTokens.SECRET), props, new Admins(List.of()));
    }
}
