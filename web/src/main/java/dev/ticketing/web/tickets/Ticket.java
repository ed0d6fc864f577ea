package dev.ticketing.web.tickets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

@JsonIgnoreProperties(ignoreUnknown = true)
public record Ticket(String id, String title, BigDecimal price, String userId, String orderId, long version) {
    public boolean reserved() {
        return orderId != null;
    }

    public boolean ownedBy(Object user) {
        return user instanceof dev.ticketing.web.session.User u && u.id().equals(userId);
    }
}
