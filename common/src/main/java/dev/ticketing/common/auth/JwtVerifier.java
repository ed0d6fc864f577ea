package dev.ticketing.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import java.util.Optional;

/** Verifies HS256 JWTs and reads the {@link CurrentUser} from them. Thread-safe; never throws for bad input. */
public final class JwtVerifier {

    private final MACVerifier verifier;

    public JwtVerifier(String secret) {
        try {
            verifier = new MACVerifier(HmacSecret.bytes(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Unusable JWT secret", e);
        }
    }

    public Optional<CurrentUser> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.trim());
            // Checked before verify() so no other algorithm, however it is signed, can pass.
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            return userFrom(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /**
     * The user from the {@code session} cookie (a plain JWT, or the course's base64 {@code {"jwt":"..."}}),
     * else from an {@code Authorization: Bearer} header.
     */
    public Optional<CurrentUser> fromRequest(String cookieHeader, String authorizationHeader) {
        return RequestTokens.sessionCookie(cookieHeader)
                .flatMap(this::verifyCookie)
                .or(() -> RequestTokens.bearer(authorizationHeader).flatMap(this::verify));
    }

    private Optional<CurrentUser> verifyCookie(String value) {
        return verify(value).or(() -> RequestTokens.jwtFromSessionJson(value).flatMap(this::verify));
    }

    private static Optional<CurrentUser> userFrom(JWTClaimsSet claims) throws ParseException {
        Date exp = claims.getExpirationTime();
        if (exp != null && !exp.after(new Date())) {
            return Optional.empty();
        }
        String id = claims.getStringClaim("id");
        String email = claims.getStringClaim("email");
        if (id == null || id.isBlank() || email == null || email.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new CurrentUser(id, email, Boolean.TRUE.equals(claims.getBooleanClaim("admin"))));
    }
}
