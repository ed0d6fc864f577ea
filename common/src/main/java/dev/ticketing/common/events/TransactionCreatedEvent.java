package dev.ticketing.common.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Locale;

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

    @Override
    public String partitionKey() {
        return userId;
    }

    public enum Type {
        DEPOSIT, WITHDRAWAL;

        /** The one text form of a type: in events, in the API and in the database ("deposit", "withdrawal"). */
        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type fromText(String text) {
            for (Type t : values()) if (t.text().equals(text)) return t;
            throw new IllegalArgumentException("unknown transaction type " + text);
        }

        /** What a transaction of this type does to the balance: + amount for a deposit, - for a withdrawal. */
        public BigDecimal signed(BigDecimal amount) {
            return this == DEPOSIT ? amount : amount.negate();
        }
    }
}
