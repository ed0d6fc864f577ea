package dev.ticketing.payments.api;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCompletedEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.payments.charge.PaymentGateway;
import dev.ticketing.payments.replica.OrderReplicaRepository;
import dev.ticketing.payments.replica.OrderReplication;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class PaymentApiTest extends ServiceIntegrationTest {
    @Autowired
    OrderReplication replication;

    @Autowired
    OrderReplicaRepository replicas;

    @Autowired
    PaymentGateway gateway;

    private static OrderCreatedEvent order(String user, Instant expiresAt) {
        return new OrderCreatedEvent(UUID.randomUUID().toString(), 0, OrderStatus.CREATED, user, expiresAt.truncatedTo(ChronoUnit.MICROS),
                new OrderCreatedEvent.TicketRef(UUID.randomUUID().toString(), new BigDecimal("20.00")));
    }

    /** An open order of the user, put straight into the replica. */
    private OrderCreatedEvent openOrder(String user) {
        OrderCreatedEvent created = order(user, Instant.now().plus(Duration.ofMinutes(15)));
        replication.created(created);
        return created;
    }

    private HttpResponse<String> pay(String user, Object orderId, String token) throws Exception {
        return send("POST", "/api/payments", user, "{\"orderId\":\"" + orderId + "\",\"token\":\"" + token + "\"}");
    }

    private static JsonNode json(HttpResponse<String> r) {
        return TestJson.read(r.body());
    }

    private static JsonNode error(HttpResponse<String> r) {
        return json(r).get("errors").get(0);
    }

    /** Successful charges the local gateway booked for the order, under any of its keys. */
    private int charges(String orderId) {
        return jdbc.queryForObject("select count(*) from local_gateway_charge where idempotency_key like ? and decline_message is null",
                Integer.class, "order-" + orderId + "%");
    }

    private int payments(String orderId) {
        return jdbc.queryForObject("select count(*) from payments where order_id = ?::uuid", Integer.class, orderId);
    }

    private List<Map<String, Object>> paymentCreatedOf(String orderId) {
        return jdbc.queryForList("select message_id, payload from outbox where subject = 'payment:created' and payload like ?",
                "%\"orderId\":\"" + orderId + "\"%");
    }

    @Test
    void payingAnOrderReplicatedFromTheBusChargesItAndStoresThePaymentWithItsEvent() throws Exception {
        OrderCreatedEvent created = order("buyer", Instant.now().plus(Duration.ofMinutes(15)));
        TestPublisher.publish(bus, Subjects.ORDER_CREATED, created);
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.find(UUID.fromString(created.id())).isPresent());

        HttpResponse<String> r = pay("buyer", created.id(), "tok_visa");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String paymentId = json(r).get("id").asString();
        assertThat(json(r).get("orderId").asString()).isEqualTo(created.id());
        assertThat(json(r).get("status").asString()).isEqualTo("created");

        Map<String, Object> row = jdbc.queryForMap("select * from payments where id = ?::uuid", paymentId);
        String chargeId = jdbc.queryForObject("select id from local_gateway_charge where idempotency_key = ?", String.class,
                "order-" + created.id());
        assertThat(row.get("charge_id")).isEqualTo(chargeId);
        assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo("20.00");
        assertThat(row.get("currency")).isEqualTo("usd");
        assertThat(charges(created.id())).isEqualTo(1);

        List<Map<String, Object>> events = outbox("payment:created/" + paymentId);
        assertThat(events).hasSize(1);
        JsonNode event = TestJson.read((String) events.get(0).get("payload"));
        assertThat(event.get("orderId").asString()).isEqualTo(created.id());
        assertThat(event.get("chargeId").asString()).isEqualTo(chargeId);
        assertThat(event.get("amount").decimalValue()).isEqualByComparingTo("20.00");

        HttpResponse<String> again = pay("buyer", created.id(), "tok_visa");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(error(again).get("message").asString()).isEqualTo("order already paid");
        assertThat(charges(created.id())).isEqualTo(1);
    }

    @Test
    void aPaymentIsShownToItsOwnerOnly() throws Exception {
        String orderId = openOrder("owner").id();
        String paymentId = json(pay("owner", orderId, "tok_visa")).get("id").asString();
        HttpResponse<String> shown = send("GET", "/api/payments/" + paymentId, "owner", null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(json(shown).get("orderId").asString()).isEqualTo(orderId);
        assertThat(send("GET", "/api/payments/" + paymentId, "someone-else", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/payments/" + paymentId, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/payments/" + UUID.randomUUID(), "owner", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/payments/not-an-id", "owner", null).statusCode()).isEqualTo(400);
    }

    @Test
    void payingNeedsASignedInOwnerOfAKnownOrderAndAValidBody() throws Exception {
        String orderId = openOrder("owner").id();
        assertThat(pay(null, orderId, "tok_visa").statusCode()).isEqualTo(401);
        assertThat(pay("owner", UUID.randomUUID(), "tok_visa").statusCode()).isEqualTo(404);
        HttpResponse<String> intruder = pay("intruder", orderId, "tok_visa");
        assertThat(intruder.statusCode()).isEqualTo(403);
        HttpResponse<String> badId = pay("owner", "not-an-id", "tok_visa");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(error(badId).get("field").asString()).isEqualTo("orderId");
        HttpResponse<String> noToken = send("POST", "/api/payments", "owner", "{\"orderId\":\"" + orderId + "\"}");
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(error(noToken).get("field").asString()).isEqualTo("token");
        HttpResponse<String> numberToken = send("POST", "/api/payments", "owner", "{\"orderId\":\"" + orderId + "\",\"token\":5}");
        assertThat(numberToken.statusCode()).isEqualTo(400);
        assertThat(charges(orderId)).isZero();
        assertThat(payments(orderId)).isZero();
    }

    @Test
    void aCancelledExpiredOrCompleteOrderIsNotCharged() throws Exception {
        OrderCreatedEvent cancelled = openOrder("buyer");
        replication.cancelled(new OrderCancelledEvent(cancelled.id(), 1, new OrderCancelledEvent.TicketId(cancelled.ticket().id())));
        OrderCreatedEvent expired = order("buyer", Instant.now().minusSeconds(1));
        replication.created(expired);
        OrderCreatedEvent complete = openOrder("buyer");
        replication.completed(new OrderCompletedEvent(complete.id(), 1, new OrderCompletedEvent.TicketId(complete.ticket().id())));

        assertRefused(cancelled.id(), "order is cancelled");
        assertRefused(expired.id(), "order has expired");
        assertRefused(complete.id(), "order already paid");
    }

    private void assertRefused(String orderId, String message) throws Exception {
        HttpResponse<String> r = pay("buyer", orderId, "tok_visa");
        assertThat(r.statusCode()).as(message).isEqualTo(400);
        assertThat(error(r).get("message").asString()).isEqualTo(message);
        assertThat(charges(orderId)).isZero();
        assertThat(payments(orderId)).isZero();
    }

    @Test
    void concurrentSubmitsOfOnePaymentChargeOnceAndStoreOnePayment() throws Exception {
        String orderId = openOrder("buyer").id();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) calls.add(() -> pay("buyer", orderId, "tok_visa").statusCode());
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) codes.add(f.get());
            assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
            assertThat(codes).filteredOn(c -> c == 400).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(charges(orderId)).isEqualTo(1);
        assertThat(payments(orderId)).isEqualTo(1);
        assertThat(paymentCreatedOf(orderId)).hasSize(1);
    }

    @Test
    void aDeclinedCardIs402AndStoresNothingThenAnotherCardPays() throws Exception {
        String orderId = openOrder("buyer").id();
        HttpResponse<String> declined = pay("buyer", orderId, "tok_chargeDeclined");
        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(error(declined).get("field").asString()).isEqualTo("token");
        assertThat(error(declined).get("message").asString()).isEqualTo("Your card was declined.");
        HttpResponse<String> unknown = pay("buyer", orderId, "tok_whatever");
        assertThat(unknown.statusCode()).isEqualTo(402);
        assertThat(error(unknown).get("message").asString()).contains("unknown test token").contains("tok_visa");
        assertThat(payments(orderId)).isZero();
        assertThat(paymentCreatedOf(orderId)).isEmpty();

        assertThat(pay("buyer", orderId, "tok_visa").statusCode()).as("a decline does not block the order").isEqualTo(201);
        assertThat(charges(orderId)).isEqualTo(1);
        assertThat(jdbc.queryForList("select idempotency_key from local_gateway_charge where idempotency_key like ? order by created_at",
                String.class, "order-" + orderId + "%"))
                .containsExactly("order-" + orderId, "order-" + orderId + "-1", "order-" + orderId + "-2");
    }

    @Test
    void aRetryAfterACrashBetweenChargeAndCommitIsTheSameCharge() throws Exception {
        String orderId = openOrder("buyer").id();
        // The first request reached the gateway, then the process died before it stored the payment.
        String charged = gateway.charge("order-" + orderId, new BigDecimal("20.00"), "usd", "tok_visa");

        HttpResponse<String> retry = pay("buyer", orderId, "tok_visa");
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select charge_id from payments where order_id = ?::uuid", String.class, orderId)).isEqualTo(charged);
        assertThat(charges(orderId)).isEqualTo(1);
    }
}
