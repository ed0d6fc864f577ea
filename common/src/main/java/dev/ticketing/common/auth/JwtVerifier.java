package dev.ticketing.common.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

/** Verifies HS256 JWTs and reads the {@link CurrentUser} from them. Thread-safe; never throws for bad input. */
public final class JwtVerifier {
    /**
     * Verifying a token (parse, HMAC, claims) was an eighth of a ticket update's CPU in the tickets service,
     * and a client sends the same token with every request: a valid one is remembered, bounded, and its
     * expiry is still checked on every use. An invalid one is never remembered.
     */
    private final Cache<String, Verified> valid = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final MACVerifier verifier;

    private record Verified(CurrentUser user, Date expires) {
        boolean expired() {
            return expires != null && !expires.after(new Date());
        }
    }

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
        String trimmed = token.trim();
        Verified known = valid.getIfPresent(trimmed);
        if (known == null) {
            known = verifyNow(trimmed);
            if (known == null) return Optional.empty();
            valid.put(trimmed, known);
        }
        return known.expired() ? Optional.empty() : Optional.of(known.user());
    }

    private Verified verifyNow(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            // Checked before verify() so no other algorithm, however it is signed, can pass.
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return null;
            }
            return userFrom(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException e) {
            return null;
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

    private static Verified userFrom(JWTClaimsSet claims) throws ParseException {
        String id = claims.getStringClaim("id");
        String email = claims.getStringClaim("email");
        if (id == null || id.isBlank() || email == null || email.isBlank()) {
            return null;
        }
        Verified v = new Verified(new CurrentUser(id, email, Boolean.TRUE.equals(claims.getBooleanClaim("admin"))),
                claims.getExpirationTime());
        return v.expired() ? null : v;
    }
}
