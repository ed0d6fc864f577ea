package dev.ticketing.orders.api;

import jakarta.validation.constraints.NotBlank;

/** Body of POST /api/orders. */
public record OrderRequest(@NotBlank(message = "ticketId is required") String ticketId) {
}
