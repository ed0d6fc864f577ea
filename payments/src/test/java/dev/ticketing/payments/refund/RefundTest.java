package dev.ticketing.payments.refund;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.events.PaymentRejectedEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.payments.charge.PaymentGateway;
import dev.ticketing.payments.replica.OrderReplication;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** payment:rejected: the charge is refunded once, however often the event comes. */
class RefundTest extends ServiceIntegrationTest {
    @Autowired
    OrderReplication replication;

    @Autowired
    Refunds refunds;

    @Autowired
    PaymentGateway gateway;

    /** A paid order: its payment as {@code payment:rejected} would name it. */
    private PaymentRejectedEvent paidThenRejected() throws Exception {
        String orderId = UUID.randomUUID().toString();
        replication.created(new OrderCreatedEvent(orderId, 0, OrderStatus.CREATED, "buyer", Instant.now().plusSeconds(900),
                new OrderCreatedEvent.TicketRef(UUID.randomUUID().toString(), new BigDecimal("20.00"))));
        String body = send("POST", "/api/payments", "buyer", "{\"orderId\":\"" + orderId + "\",\"token\":\"tok_visa\"}").body();
        String paymentId = TestJson.read(body).get("id").asString();
        String chargeId = jdbc.queryForObject("select charge_id from payments where id = ?::uuid", String.class, paymentId);
        return new PaymentRejectedEvent(paymentId, orderId, chargeId, "order was cancelled");
    }

    private List<Map<String, Object>> refundsOf(PaymentRejectedEvent p) {
        return jdbc.queryForList("select id, charge_id from local_gateway_refund where idempotency_key = ?", "refund-" + p.paymentId());
    }

    private String status(PaymentRejectedEvent p) {
        return jdbc.queryForObject("select status from payments where id = ?::uuid", String.class, p.paymentId());
    }

    @Test
    void aRejectedPaymentIsRefundedOnceEvenWhenDeliveredTwice() throws Exception {
        PaymentRejectedEvent rejected = paidThenRejected();
        TestPublisher.publish(bus, Subjects.PAYMENT_REJECTED, rejected);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(rejected)).isEqualTo("refunded"));

        assertThat(refundsOf(rejected)).hasSize(1);
        assertThat(refundsOf(rejected).get(0).get("charge_id")).isEqualTo(rejected.chargeId());
        String refundId = (String) refundsOf(rejected).get(0).get("id");
        assertThat(jdbc.queryForObject("select refund_id from payments where id = ?::uuid", String.class, rejected.paymentId()))
                .isEqualTo(refundId);
        List<Map<String, Object>> events = outbox("payment:refunded/" + rejected.paymentId());
        assertThat(events).hasSize(1);
        JsonNode event = TestJson.read((String) events.get(0).get("payload"));
        assertThat(event.get("refundId").asString()).isEqualTo(refundId);
        assertThat(event.get("orderId").asString()).isEqualTo(rejected.orderId());
        String shown = send("GET", "/api/payments/" + rejected.paymentId(), "buyer", null).body();
        assertThat(TestJson.read(shown).get("status").asString()).isEqualTo("refunded");

        assertThat(refunds.rejected(rejected)).as("redelivered").isEqualTo(Outcome.DUPLICATE);
        assertThat(refundsOf(rejected)).hasSize(1);
        assertThat(outbox("payment:refunded/" + rejected.paymentId())).hasSize(1);
    }

    @Test
    void aRedeliveryAfterTheGatewayRefundedButTheTransactionRolledBackRefundsOnce() throws Exception {
        PaymentRejectedEvent rejected = paidThenRejected();
        // A first delivery got as far as the gateway, then its transaction rolled back.
        String earlier = gateway.refund("refund-" + rejected.paymentId(), rejected.chargeId());
        assertThat(status(rejected)).isEqualTo("created");

        assertThat(refunds.rejected(rejected)).isEqualTo(Outcome.APPLIED);
        assertThat(refundsOf(rejected)).hasSize(1);
        assertThat(jdbc.queryForObject("select refund_id from payments where id = ?::uuid", String.class, rejected.paymentId()))
                .isEqualTo(earlier);
    }
}
