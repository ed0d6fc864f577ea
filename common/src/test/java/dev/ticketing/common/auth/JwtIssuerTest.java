package dev.ticketing.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JwtIssuerTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final CurrentUser USER = new CurrentUser("u-1", "a@b.c");

    private final JwtIssuer issuer = new JwtIssuer(SECRET);

    @Test
    void issuesHs256WithIdEmailIatAndExp() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        SignedJWT jwt = SignedJWT.parse(issuer.issue(USER, Duration.ofMinutes(15)));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(claims.getStringClaim("id")).isEqualTo("u-1");
        assertThat(claims.getStringClaim("email")).isEqualTo("a@b.c");
        assertThat(claims.getIssueTime().toInstant()).isBetween(before, Instant.now());
        assertThat(claims.getExpirationTime().toInstant())
                .isBetween(before.plus(Duration.ofMinutes(15)), Instant.now().plus(Duration.ofMinutes(15)));
    }

    @Test
    void nullValidityMeansNoExp() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(issuer.issue(USER, null)).getJWTClaimsSet();

        assertThat(claims.getExpirationTime()).isNull();
        assertThat(claims.getIssueTime()).isNotNull();
    }

    @Test
    void refusesUserWithoutIdOrEmail() {
        assertThatThrownBy(() -> issuer.issue(new CurrentUser(" ", "a@b.c"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> issuer.issue(new CurrentUser("u-1", null), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
    }

    @Test
    void rejectsShortSecret() {
        assertThatThrownBy(() -> new JwtIssuer("too-short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    }
}
