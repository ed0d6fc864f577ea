package dev.ticketing.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/** Signs HS256 tokens that {@link JwtVerifier} accepts. */
public final class JwtIssuer {

    private static final JWSHeader HEADER =
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private final MACSigner signer;

    public JwtIssuer(String secret) {
        try {
            signer = new MACSigner(HmacSecret.bytes(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Unusable JWT secret", e);
        }
    }

    /** @param validFor lifetime of the token, or null for a token without {@code exp} */
    public String issue(CurrentUser user, Duration validFor) {
        Objects.requireNonNull(user, "user");
        requireText(user.id(), "id");
        requireText(user.email(), "email");
        SignedJWT jwt = new SignedJWT(HEADER, claims(user, validFor));
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(CurrentUser user, Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim("id", user.id())
                .claim("email", user.email())
                .claim("admin", user.admin())
                .issueTime(Date.from(now));
        if (validFor != null) {
            claims.expirationTime(Date.from(now.plus(validFor)));
        }
        return claims.build();
    }

    // The verifier rejects such tokens, so refuse to issue them rather than fail later.
    private static void requireText(String value, String claim) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("user " + claim + " is missing");
        }
    }
}
