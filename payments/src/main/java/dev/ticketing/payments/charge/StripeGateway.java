package dev.ticketing.payments.charge;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.math.BigDecimal;

/**
 * Stripe, when STRIPE_KEY is set: a charge is a PaymentIntent created and confirmed in one call with the
 * token as its payment method; a refund refunds that PaymentIntent. Stripe keeps the idempotency keys
 * (24 h), which is what makes a retried payment the same charge.
 */
final class StripeGateway implements PaymentGateway {
    private final StripeClient stripe;

    StripeGateway(String secretKey) {
        this.stripe = new StripeClient(secretKey);
    }

    @Override
    public String charge(String key, BigDecimal amount, String currency, String token) throws CardDeclinedException {
        try {
            PaymentIntent intent = stripe.v1().paymentIntents().create(chargeParams(amount, currency, token), options(key));
            if (!"succeeded".equals(intent.getStatus())) {
                throw new CardDeclinedException("the card needs a step this service does not support (" + intent.getStatus() + ")");
            }
            return intent.getId();
        } catch (CardException e) {
            throw new CardDeclinedException(e.getUserMessage() != null ? e.getUserMessage() : e.getMessage());
        } catch (IdempotencyException e) {
            throw GatewayException.conflict(key);
        } catch (StripeException e) {
            throw GatewayException.failed("stripe: " + e.getMessage(), e);
        }
    }

    @Override
    public String refund(String key, String chargeId) {
        try {
            return stripe.v1().refunds().create(refundParams(chargeId), options(key)).getId();
        } catch (StripeException e) {
            throw GatewayException.failed("stripe refund of " + chargeId + ": " + e.getMessage(), e);
        }
    }

    static PaymentIntentCreateParams chargeParams(BigDecimal amount, String currency, String token) {
        return PaymentIntentCreateParams.builder()
                .setAmount(minorUnits(amount))
                .setCurrency(currency)
                .setPaymentMethod(token)
                .addPaymentMethodType("card")
                .setConfirm(true)
                .build();
    }

    static RefundCreateParams refundParams(String paymentIntentId) {
        return RefundCreateParams.builder().setPaymentIntent(paymentIntentId).build();
    }

    static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    /** Stripe counts in the currency's smallest unit; prices have two decimals (cents). */
    static long minorUnits(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }
}
