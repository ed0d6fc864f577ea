package dev.ticketing.common.testing;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.auth.JwtIssuer;

/** Session tokens for tests, signed with the secret test services are started with. */
public final class TestTokens {
    public static final String SECRET = "test-secret-test-secret-test-secret-0123456789";
    private static final JwtIssuer ISSUER = new JwtIssuer(SECRET);

    private TestTokens() {
    }

    public static String token(String userId) {
        return ISSUER.issue(new CurrentUser(userId, userId + "@test.dev"), null);
    }

    /** The value of an Authorization header. */
    public static String bearer(String userId) {
        return "Bearer " + token(userId);
    }
}
