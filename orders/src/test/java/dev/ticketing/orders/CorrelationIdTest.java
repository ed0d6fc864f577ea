package dev.ticketing.orders;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.OutgoingMessage;
import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.PaymentCreatedEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.spring.testing.CapturedLogs;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The request's id on order:created; payment:created's id in the handler's log lines and on order:completed. */
class CorrelationIdTest extends OrdersIntegrationTest {
    @Test
    void anOrdersIdFollowsItFromTheRequestAndThePaymentsIdFollowsTheCompletion() throws Exception {
        String placed = "place-" + UUID.randomUUID();
        HttpResponse<String> r = send("POST", "/api/orders", "buyer", "{\"ticketId\":\"" + ticket() + "\"}",
                Map.of(CorrelationId.HEADER, placed));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue(CorrelationId.HEADER)).contains(placed);
        String orderId = TestJson.read(r.body()).get("id").asString();
        assertThat(outbox("order:created/" + orderId + "@0").get(0).get("correlation_id")).isEqualTo(placed);
        await("on the stream").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(correlationIdsOnStream("events.order.created", "order:created/" + orderId + "@")).containsExactly(placed));

        String paid = "pay-" + UUID.randomUUID();
        PaymentCreatedEvent payment = new PaymentCreatedEvent(UUID.randomUUID().toString(), orderId, "ch_test", new BigDecimal("20.00"));
        try (CapturedLogs logs = captureLogs("dev.ticketing.common.bus.BatchHandler")) {
            try (CorrelationId.Scope ignored = CorrelationId.open(paid)) {
                TestPublisher.publish(bus, OutgoingMessage.of(Subjects.PAYMENT_CREATED, payment));
            }
            await("completed").atMost(Duration.ofSeconds(20)).until(() -> !outbox("order:completed/" + orderId + "@1").isEmpty());
            assertThat(outbox("order:completed/" + orderId + "@1").get(0).get("correlation_id")).isEqualTo(paid);
            await("on the stream").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(correlationIdsOnStream("events.order.completed", "order:completed/" + orderId + "@")).containsExactly(paid));
            assertThat(logs.containing("handled payment:created/" + payment.id()))
                    .isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("[" + paid + "] "));
        }
    }
}
