package dev.ticketing.payments.charge;

import java.math.BigDecimal;

/**
 * A card payment provider. Both calls are idempotent on their key, as the provider keeps it: the same key
 * is the same charge (or refund) however often it is sent, also from another process or after a crash.
 */
public interface PaymentGateway {
    /**
     * Charges the card behind the token; returns the charge id.
     *
     * @throws CardDeclinedException the card was refused; the provider answers this key with the same decline from now on
     * @throws GatewayException the provider could not be asked, or the key was used for another request
     */
    String charge(String idempotencyKey, BigDecimal amount, String currency, String token) throws CardDeclinedException;

    /** Refunds the whole charge; returns the refund id. */
    String refund(String idempotencyKey, String chargeId);
}
