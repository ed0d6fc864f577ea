package dev.ticketing.common.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** One accounting transaction; {@code number} is the user's 1, 2, 3, ... and orders the stream per user. */
public record TransactionCreatedEvent(String id, String userId, Type type, BigDecimal amount, long number)
        implements Event {
    public TransactionCreatedEvent {
        Require.text(id, "id");
        Require.text(userId, "userId");
        Require.present(type, "type");
        Require.positive(amount, "amount");
        if (number < 1) throw new IllegalArgumentException("number must be 1 or more");
    }

    @Override
    public String eventKey() {
        return userId + "#" + number;
    }

    public enum Type {
        @JsonProperty("deposit") DEPOSIT,
        @JsonProperty("withdrawal") WITHDRAWAL
    }
}
