package dev.ticketing.tickets.api;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * Body of create and update. {@code version}, optional on update, is the version the change was made on
 * (the one the editor showed): another stored version refuses the change (409) instead of overwriting a
 * change the editor never saw. Create ignores it.
 */
public record TicketRequest(
        @NotBlank(message = "title is required") @Size(max = 200, message = "title is at most 200 characters")
        String title,
        @NotNull(message = "price is required") @Positive(message = "price must be greater than 0")
        @Digits(integer = 10, fraction = 2, message = "price has at most 10 digits and 2 decimals")
        BigDecimal price,
        Long version) {
    public TicketRequest(String title, BigDecimal price) {
        this(title, price, null);
    }
}
