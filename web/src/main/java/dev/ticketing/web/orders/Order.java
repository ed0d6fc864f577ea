package dev.ticketing.web.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

@JsonIgnoreProperties(ignoreUnknown = true)
public record Order(String id, String userId, String status, Instant expiresAt, TicketView ticket, long version) {
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TicketView(String id, String title, BigDecimal price) {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("'at' HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The expiry as a clock time, for the page without JavaScript (the script turns it into a countdown). */
    public String expiresAtText() {
        return expiresAt == null ? "" : CLOCK.format(expiresAt);
    }

    /** Payable while created and not past its expiry (expiry itself is the expiration service's call). */
    public boolean open() {
        return "created".equals(status);
    }
}
