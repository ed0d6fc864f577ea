package dev.ticketing.common.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pulls candidate tokens out of raw HTTP header values. */
final class RequestTokens {

    static final String SESSION_COOKIE = "session";
    private static final String BEARER = "Bearer ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RequestTokens() {
    }

    /** Value of the {@code session} cookie in a header like {@code a=1; session=X; b=2}. */
    static Optional<String> sessionCookie(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            // Split at the first '=' only: base64 values end with '=' padding.
            if (eq > 0 && pair.substring(0, eq).trim().equals(SESSION_COOKIE)) {
                return nonBlank(pair.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    static Optional<String> bearer(String authorizationHeader) {
        if (authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return nonBlank(authorizationHeader.substring(BEARER.length()));
    }

    /** The {@code jwt} field of a cookie-session value: base64 of {@code {"jwt":"..."}}. */
    static Optional<String> jwtFromSessionJson(String cookieValue) {
        try {
            String base64 = cookieValue.replace('-', '+').replace('_', '/');
            byte[] json = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
            JsonNode jwt = JSON.readTree(json).path("jwt");
            return jwt.isString() ? nonBlank(jwt.stringValue()) : Optional.empty();
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> nonBlank(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }
}
