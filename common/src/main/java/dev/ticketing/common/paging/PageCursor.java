package dev.ticketing.common.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a page of a newest-first list ends: the (creation time, id) of its last row. Clients see it only as
 * an opaque text, base64url of {@code "<epoch micros>_<id>"}; micros because that is PostgreSQL's precision.
 */
public record PageCursor(Instant createdAt, UUID id) {
    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        String plain = micros + "_" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this class wrote */
    public static PageCursor decode(String text) {
        String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        int cut = plain.indexOf('_');
        if (cut < 1) throw new IllegalArgumentException("not a page cursor");
        try {
            long micros = Long.parseLong(plain.substring(0, cut));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new PageCursor(at, UUID.fromString(plain.substring(cut + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a page cursor", e);
        }
    }
}
