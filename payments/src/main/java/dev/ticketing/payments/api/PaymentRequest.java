package dev.ticketing.payments.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/payments: the order to pay and the card token from the payment form. */
public record PaymentRequest(@NotBlank(message = "orderId is required") String orderId,
                             @NotBlank(message = "token is required") @Size(max = 255, message = "token is too long") String token) {
}
