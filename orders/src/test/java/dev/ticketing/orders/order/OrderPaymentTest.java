package dev.ticketing.orders.order;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.ExpirationCompleteEvent;
import dev.ticketing.common.events.PaymentCreatedEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.orders.OrdersIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** payment:created through the real broker: orders completes the order or rejects the payment, once. */
class OrderPaymentTest extends OrdersIntegrationTest {

    private String placeOrder(UUID ticket) throws Exception {
        return TestJson.read(send("POST", "/api/orders", "buyer", "{\"ticketId\":\"" + ticket + "\"}").body()).get("id").asString();
    }

    private static PaymentCreatedEvent payment(String orderId) {
        return new PaymentCreatedEvent(UUID.randomUUID().toString(), orderId, "ch_test", new BigDecimal("20.00"));
    }

    private JsonNode shown(String orderId) throws Exception {
        return TestJson.read(send("GET", "/api/orders/" + orderId, "buyer", null).body());
    }

    private static JsonNode payload(List<Map<String, Object>> rows) {
        return TestJson.read((String) rows.get(0).get("payload"));
    }

    @Test
    void aPaymentCompletesTheOrderBumpsItsVersionAndPublishesOrderCompleted() throws Exception {
        UUID ticket = ticket();
        String orderId = placeOrder(ticket);
        PaymentCreatedEvent paid = payment(orderId);
        TestPublisher.publish(bus, Subjects.PAYMENT_CREATED, paid);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outbox("order:completed/" + orderId + "@1")).hasSize(1));
        JsonNode event = payload(outbox("order:completed/" + orderId));
        assertThat(event.get("version").asLong()).isEqualTo(1);
        assertThat(event.get("ticket").get("id").asString()).isEqualTo(ticket.toString());
        assertThat(shown(orderId).get("status").asString()).isEqualTo("complete");
        assertThat(shown(orderId).get("version").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(onStream("events.order.completed", "order:completed/" + orderId)).hasSize(1));

        assertThat(commands.paid(paid)).as("redelivered").isEqualTo(Outcome.DUPLICATE);
        assertThat(outbox("order:completed/" + orderId)).hasSize(1);
        assertThat(shown(orderId).get("version").asLong()).isEqualTo(1);
        assertThat(outbox("payment:rejected/" + paid.id())).isEmpty();
    }

    @Test
    void aPaymentOnACancelledOrderIsRejectedOnceAndTheOrderStaysCancelled() throws Exception {
        String orderId = placeOrder(ticket());
        assertThat(send("DELETE", "/api/orders/" + orderId, "buyer", null).statusCode()).isEqualTo(204);
        PaymentCreatedEvent late = payment(orderId);
        TestPublisher.publish(bus, Subjects.PAYMENT_CREATED, late);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outbox("payment:rejected/" + late.id())).hasSize(1));
        JsonNode rejected = payload(outbox("payment:rejected/" + late.id()));
        assertThat(rejected.get("orderId").asString()).isEqualTo(orderId);
        assertThat(rejected.get("chargeId").asString()).isEqualTo("ch_test");
        assertThat(rejected.get("reason").asString()).isEqualTo("order was cancelled");
        assertThat(shown(orderId).get("status").asString()).isEqualTo("cancelled");
        assertThat(shown(orderId).get("version").asLong()).isEqualTo(1);

        assertThat(commands.paid(late)).as("redelivered").isEqualTo(Outcome.DUPLICATE);
        jdbc.update("delete from outbox where message_id = ?", "payment:rejected/" + late.id());
        assertThat(commands.paid(late)).as("even after the outbox row is purged").isEqualTo(Outcome.DUPLICATE);
        assertThat(outbox("payment:rejected/" + late.id())).isEmpty();
        assertThat(outbox("order:completed/" + orderId)).isEmpty();
    }

    @Test
    void aSecondPaymentOfACompleteOrderIsRejected() throws Exception {
        String orderId = placeOrder(ticket());
        assertThat(commands.paid(payment(orderId))).isEqualTo(Outcome.APPLIED);
        PaymentCreatedEvent second = payment(orderId);
        assertThat(commands.paid(second)).isEqualTo(Outcome.APPLIED);
        assertThat(payload(outbox("payment:rejected/" + second.id())).get("reason").asString())
                .isEqualTo("order was paid by another payment");
        assertThat(shown(orderId).get("status").asString()).isEqualTo("complete");
        assertThat(shown(orderId).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void aPaidOrderCannotBeCancelledNorExpired() throws Exception {
        String orderId = placeOrder(ticket());
        commands.paid(payment(orderId));
        assertThat(send("DELETE", "/api/orders/" + orderId, "buyer", null).statusCode()).isEqualTo(400);
        assertThat(commands.expire(new ExpirationCompleteEvent(orderId))).isEqualTo(Outcome.DUPLICATE);
        assertThat(outbox("order:cancelled/" + orderId)).isEmpty();
        assertThat(shown(orderId).get("status").asString()).isEqualTo("complete");
    }
}
