package dev.ticketing.transactions.api;

import dev.ticketing.common.events.TransactionCreatedEvent.Type;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** Body of POST /api/transactions. The type is text so a wrong value gets a field error, not a parse error. */
public record TransactionRequest(
        @NotNull(message = "type is required")
        @Pattern(regexp = "deposit|withdrawal", message = "type must be deposit or withdrawal")
        String type,
        @NotNull(message = "amount is required") @Positive(message = "amount must be greater than 0")
        @Digits(integer = 10, fraction = 2, message = "amount has at most 10 digits and 2 decimals")
        BigDecimal amount) {

    Type transactionType() {
        return Type.fromText(type);
    }
}
