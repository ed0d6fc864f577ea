package dev.ticketing.payments.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.param.PaymentIntentCreateParams;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Stripe cannot be reached offline: what is tested here is the requests the adapter builds. */
class StripeGatewayTest {
    @Test
    void aChargeIsAConfirmedCardPaymentIntentInCents() {
        PaymentIntentCreateParams p = StripeGateway.chargeParams(new BigDecimal("20.50"), "usd", "tok_visa");
        assertThat(p.getAmount()).isEqualTo(2050L);
        assertThat(p.getCurrency()).isEqualTo("usd");
        assertThat(p.getPaymentMethod()).isEqualTo("tok_visa");
        assertThat(p.getPaymentMethodTypes()).containsExactly("card");
        assertThat(p.getConfirm()).isTrue();
    }

    @Test
    void aRefundRefundsThePaymentIntent() {
        assertThat(StripeGateway.refundParams("pi_123").getPaymentIntent()).isEqualTo("pi_123");
    }

    @Test
    void everyRequestCarriesItsIdempotencyKey() {
        assertThat(StripeGateway.options("order-42").getIdempotencyKey()).isEqualTo("order-42");
    }

    @Test
    void amountsAreWholeCents() {
        assertThat(StripeGateway.minorUnits(new BigDecimal("15"))).isEqualTo(1500L);
        assertThat(StripeGateway.minorUnits(new BigDecimal("0.99"))).isEqualTo(99L);
        assertThatThrownBy(() -> StripeGateway.minorUnits(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
    }
}
