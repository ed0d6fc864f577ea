package dev.ticketing.payments.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The local gateway keeps its idempotency promises the way an external provider would. */
class LocalGatewayTest extends ServiceIntegrationTest {
    private static final BigDecimal AMOUNT = new BigDecimal("20.00");

    @Autowired
    PaymentGateway gateway;

    @Autowired
    PlatformTransactionManager transactions;

    private static String key() {
        return "test-" + UUID.randomUUID();
    }

    private int rows(String table, String key) {
        return jdbc.queryForObject("select count(*) from " + table + " where idempotency_key = ?", Integer.class, key);
    }

    @Test
    void withoutStripeKeyTheServiceUsesTheLocalGateway() {
        assertThat(gateway).isInstanceOf(LocalGateway.class);
    }

    @Test
    void oneKeyIsOneChargeAnotherKeyAnother() throws Exception {
        String key = key();
        String first = gateway.charge(key, AMOUNT, "usd", "tok_visa");
        assertThat(gateway.charge(key, AMOUNT, "usd", "tok_visa")).isEqualTo(first);
        assertThat(rows("local_gateway_charge", key)).isEqualTo(1);
        assertThat(gateway.charge(key(), AMOUNT, "usd", "tok_visa")).isNotEqualTo(first);
    }

    @Test
    void aKeyReusedWithOtherDetailsIsAConflictNotASecondCharge() throws Exception {
        String key = key();
        gateway.charge(key, AMOUNT, "usd", "tok_visa");
        assertThatThrownBy(() -> gateway.charge(key, AMOUNT, "usd", "tok_chargeDeclined"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.conflict()).isTrue());
        assertThatThrownBy(() -> gateway.charge(key, new BigDecimal("21.00"), "usd", "tok_visa")).isInstanceOf(GatewayException.class);
        assertThat(rows("local_gateway_charge", key)).isEqualTo(1);
    }

    @Test
    void aDeclineIsRememberedUnderItsKey() {
        String key = key();
        assertThatThrownBy(() -> gateway.charge(key, AMOUNT, "usd", "tok_chargeDeclined"))
                .isInstanceOf(CardDeclinedException.class).hasMessage("Your card was declined.");
        assertThatThrownBy(() -> gateway.charge(key, AMOUNT, "usd", "tok_chargeDeclined")).isInstanceOf(CardDeclinedException.class);
        assertThatThrownBy(() -> gateway.charge(key(), AMOUNT, "usd", "tok_unknown"))
                .isInstanceOf(CardDeclinedException.class).hasMessageContaining("unknown test token");
    }

    @Test
    void itsBooksSurviveARollbackOfTheCallersTransaction() {
        String key = key();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            try {
                gateway.charge(key, AMOUNT, "usd", "tok_visa");
            } catch (CardDeclinedException e) {
                throw new AssertionError(e);
            }
            status.setRollbackOnly();
        });
        assertThat(rows("local_gateway_charge", key)).isEqualTo(1);
    }

    @Test
    void oneRefundKeyIsOneRefundOfASuccessfulCharge() throws Exception {
        String charge = gateway.charge(key(), AMOUNT, "usd", "tok_visa");
        String key = key();
        String refund = gateway.refund(key, charge);
        assertThat(gateway.refund(key, charge)).isEqualTo(refund);
        assertThat(rows("local_gateway_refund", key)).isEqualTo(1);
        assertThatThrownBy(() -> gateway.refund(key(), "ch_nothing")).isInstanceOf(GatewayException.class);
    }
}
