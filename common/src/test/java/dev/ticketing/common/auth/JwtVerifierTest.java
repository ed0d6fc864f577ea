package dev.ticketing.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final CurrentUser ALICE = new CurrentUser("u-alice", "alice@example.com");
    private static final CurrentUser BOB = new CurrentUser("u-bob", "bob@example.com");

    private final JwtIssuer issuer = new JwtIssuer(SECRET);
    private final JwtVerifier verifier = new JwtVerifier(SECRET);

    // --- verify ---

    @Test
    void roundTripWithoutExp() {
        assertThat(verifier.verify(issuer.issue(ALICE, null))).contains(ALICE);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        // exp has whole seconds, so a token of 1 s may be good for only a few milliseconds
        String token = issuer.issue(ALICE, Duration.ofSeconds(3));
        assertThat(verifier.verify(token)).contains(ALICE);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(8))
                .untilAsserted(() -> assertThat(verifier.verify(token)).isEmpty());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedEvenAfterAValidOneWasRemembered() {
        String valid = issuer.issue(ALICE, null);
        String forged = new JwtIssuer("another-secret-another-secret-xx").issue(ALICE, null);
        assertThat(verifier.verify(valid)).contains(ALICE);

        assertThat(verifier.verify(forged)).isEmpty();
        assertThat(verifier.verify(forged)).isEmpty();
    }

    @Test
    void roundTripWithFutureExp() {
        assertThat(verifier.verify(issuer.issue(ALICE, Duration.ofMinutes(5)))).contains(ALICE);
    }

    @Test
    void rejectsWrongSecret() {
        String token = new JwtIssuer("another-secret-of-at-least-32-bytes!").issue(ALICE, null);

        assertThat(verifier.verify(token)).isEmpty();
    }

    @Test
    void rejectsTamperedPayload() {
        String[] parts = issuer.issue(ALICE, null).split("\\.");
        String forged = parts[0] + "." + b64url("{\"id\":\"u-bob\",\"email\":\"bob@example.com\"}") + "." + parts[2];

        assertThat(verifier.verify(forged)).isEmpty();
    }

    @Test
    void rejectsAlgNone() {
        String token = b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + b64url("{\"id\":\"u-alice\",\"email\":\"alice@example.com\"}") + ".";

        assertThat(verifier.verify(token)).isEmpty();
    }

    @Test
    void rejectsOtherHmacAlgorithmEvenWithTheSameSecret() throws Exception {
        String longSecret = SECRET + SECRET;
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), userClaims().build());
        hs512.sign(new MACSigner(longSecret.getBytes(StandardCharsets.UTF_8)));

        assertThat(new JwtVerifier(longSecret).verify(hs512.serialize())).isEmpty();
    }

    @Test
    void rejectsExpiredToken() throws Exception {
        String token = sign(userClaims().expirationTime(Date.from(Instant.now().minusSeconds(60))));

        assertThat(verifier.verify(token)).isEmpty();
    }

    @Test
    void acceptsHandSignedTokenSoTheClaimTestsBelowAreMeaningful() throws Exception {
        assertThat(verifier.verify(sign(userClaims()))).contains(ALICE);
    }

    @Test
    void rejectsMissingBlankOrNonStringClaims() throws Exception {
        assertThat(verifier.verify(sign(new JWTClaimsSet.Builder().claim("email", "alice@example.com")))).isEmpty();
        assertThat(verifier.verify(sign(new JWTClaimsSet.Builder().claim("id", "u-alice")))).isEmpty();
        assertThat(verifier.verify(sign(userClaims().claim("email", " ")))).isEmpty();
        assertThat(verifier.verify(sign(userClaims().claim("id", 42)))).isEmpty();
    }

    @Test
    void theAdminRoleTravelsInItsClaimAndATokenWithoutItIsNoAdmins() throws Exception {
        CurrentUser admin = new CurrentUser("u-ops", "ops@example.com", true);
        assertThat(verifier.verify(issuer.issue(admin, null))).contains(admin);
        assertThat(verifier.verify(issuer.issue(ALICE, null))).hasValueSatisfying(u -> assertThat(u.admin()).isFalse());
        assertThat(verifier.verify(sign(userClaims()))).hasValueSatisfying(u -> assertThat(u.admin()).isFalse());
        assertThat(verifier.verify(sign(userClaims().claim("admin", "true")))).as("not a boolean").isEmpty();
    }

    @Test
    void garbageGivesEmptyWithoutThrowing() {
        String[] garbage = {null, "", "   ", "garbage", "a.b.c", "..", "a.b", "a.b.c.d.e",
            b64url("{\"alg\":\"HS256\"}") + ".%%%.sig", b64url("not json") + "." + b64url("{}") + "."};
        for (String token : garbage) {
            assertThatCode(() -> assertThat(verifier.verify(token)).as(token).isEmpty())
                    .doesNotThrowAnyException();
        }
    }

    // --- fromRequest ---

    @Test
    void readsSessionCookieAmongSeveral() {
        String cookies = "a=1; xsession=junk; session=" + issuer.issue(ALICE, null) + "; b=2";

        assertThat(verifier.fromRequest(cookies, null)).contains(ALICE);
    }

    @Test
    void readsCourseBase64JsonSessionCookie() {
        String value = cookieSession(issuer.issue(ALICE, null));
        assertThat(value).endsWith("="); // padding must survive cookie parsing

        assertThat(verifier.fromRequest("express:sess=x; session=" + value, null)).contains(ALICE);
    }

    @Test
    void readsBearerHeader() {
        assertThat(verifier.fromRequest(null, "Bearer " + issuer.issue(BOB, null))).contains(BOB);
    }

    @Test
    void cookieWinsOverHeader() {
        String cookie = "session=" + issuer.issue(ALICE, null);

        assertThat(verifier.fromRequest(cookie, "Bearer " + issuer.issue(BOB, null))).contains(ALICE);
    }

    @Test
    void invalidCookieFallsBackToHeader() {
        String expired = new JwtIssuer(SECRET).issue(ALICE, Duration.ofSeconds(-1));

        assertThat(verifier.fromRequest("session=" + expired, "Bearer " + issuer.issue(BOB, null))).contains(BOB);
    }

    @Test
    void noUsableTokenGivesEmpty() {
        String token = issuer.issue(ALICE, null);

        assertThat(verifier.fromRequest(null, null)).isEmpty();
        assertThat(verifier.fromRequest("other=" + token, "Basic " + token)).isEmpty();
        assertThat(verifier.fromRequest("session=", "Bearer ")).isEmpty();
        assertThat(verifier.fromRequest("session=" + cookieSession("not-a-jwt"), null)).isEmpty();
        assertThat(verifier.fromRequest("session=" + b64url("[1,2]"), null)).isEmpty();
    }

    // --- secret ---

    @Test
    void rejectsShortOrMissingSecret() {
        assertThatThrownBy(() -> new JwtVerifier("x".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new JwtVerifier(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtVerifier("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new JwtVerifier("x".repeat(32))).doesNotThrowAnyException();
    }

    // --- helpers ---

    private static JWTClaimsSet.Builder userClaims() {
        return new JWTClaimsSet.Builder().claim("id", ALICE.id()).claim("email", ALICE.email());
    }

    private static String sign(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** What Express cookie-session stores: base64 of {"jwt":"..."}, padded to end with '='. */
    private static String cookieSession(String jwt) {
        String json = "{\"jwt\":\"" + jwt + "\"}";
        while (json.length() % 3 == 0) {
            json += " ";
        }
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
