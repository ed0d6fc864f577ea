package dev.ticketing.common.auth;

import java.nio.charset.StandardCharsets;

/** Validates the shared HS256 secret, used the way Node's jsonwebtoken uses a string: its UTF-8 bytes. */
final class HmacSecret {

    static final int MIN_BYTES = 32;

    private HmacSecret() {
    }

    static byte[] bytes(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("JWT secret is missing (set JWT_KEY)");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("JWT secret is " + bytes.length
                    + " bytes; HS256 needs at least " + MIN_BYTES + " bytes (256 bits)");
        }
        return bytes;
    }
}
