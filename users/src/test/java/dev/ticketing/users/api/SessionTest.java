package dev.ticketing.users.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.auth.JwtIssuer;
import dev.ticketing.common.auth.JwtVerifier;
import dev.ticketing.common.testing.TestTokens;
import dev.ticketing.users.UsersIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The session cookie, sign-out and the current user. */
class SessionTest extends UsersIntegrationTest {
    private static final String SIGNED_OUT = "{\"currentUser\":null}";

    @Test
    void theCookieIsHttpOnlySameSiteLaxForTheWholeSiteAndNotSecureByDefault() throws Exception {
        String cookie = setCookie(signUp(newEmail("cookie"), PASSWORD));
        assertThat(cookie.split("; ")).contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=28800")
                .doesNotContain("Secure");
    }

    @Test
    void theCookieHoldsAJwtTheLibraryVerifiesWithTheSharedKey() throws Exception {
        String email = newEmail("jwt");
        HttpResponse<String> r = signUp(email, PASSWORD);
        String id = json(r).get("id").asString();

        assertThat(new JwtVerifier(TestTokens.SECRET).verify(sessionToken(r))).contains(new CurrentUser(id, email));
        assertThat(new JwtVerifier(TestTokens.SECRET + "-other").verify(sessionToken(r))).isEmpty();
        // what every other service does with the request's Cookie header
        assertThat(new JwtVerifier(TestTokens.SECRET).fromRequest("a=1; session=" + sessionToken(r), null))
                .contains(new CurrentUser(id, email));
    }

    @Test
    void signOutExpiresTheCookieWithTheSameAttributes() throws Exception {
        HttpResponse<String> r = post("/api/users/signout", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
        String cookie = setCookie(r);
        assertThat(cookie).startsWith("session=;");
        assertThat(cookie.split("; ")).contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0");
    }

    @Test
    void currentUserIsNullWithoutAValidToken() throws Exception {
        CurrentUser user = new CurrentUser("5f0c1f8e-0000-4000-8000-000000000001", "gone@test.dev");
        String expired = new JwtIssuer(TestTokens.SECRET).issue(user, Duration.ofSeconds(-5));
        String otherKey = new JwtIssuer(TestTokens.SECRET + "-other").issue(user, Duration.ofHours(1));

        for (String cookie : new String[] {null, "session=", "session=garbage", "session=" + expired,
                "session=" + otherKey}) {
            HttpResponse<String> r = get("/api/users/currentuser", cookie);
            assertThat(r.statusCode()).as(cookie).isEqualTo(200);
            assertThat(r.body()).as(cookie).isEqualTo(SIGNED_OUT);
        }
        String valid = new JwtIssuer(TestTokens.SECRET).issue(user, Duration.ofHours(1));
        JsonNode current = json(get("/api/users/currentuser", "session=" + valid)).get("currentUser");
        assertThat(current.get("id").asString()).isEqualTo(user.id());
        assertThat(current.get("email").asString()).isEqualTo(user.email());
    }
}
