package dev.ticketing.tickets;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.OutgoingMessage;
import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.spring.testing.CapturedLogs;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One id from the HTTP request to the event on the stream, and from an event a consumer handles to its
 * log lines and the event it writes in turn.
 */
class CorrelationIdTest extends ServiceIntegrationTest {
    private final String correlationId = "test-" + UUID.randomUUID();

    private String createTicket(Map<String, String> headers) throws Exception {
        HttpResponse<String> r = send("POST", "/api/tickets", "owner", "{\"title\":\"concert\",\"price\":20}", headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue(CorrelationId.HEADER)).isPresent();
        return TestJson.read(r.body()).get("id").asString();
    }

    @Test
    void theRequestsIdIsEchoedAndTravelsWithItsEvent() throws Exception {
        HttpResponse<String> r = send("POST", "/api/tickets", "owner", "{\"title\":\"concert\",\"price\":20}",
                Map.of(CorrelationId.HEADER, correlationId));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue(CorrelationId.HEADER)).contains(correlationId);
        String id = TestJson.read(r.body()).get("id").asString();

        assertThat(outbox("ticket:created/" + id + "@0").get(0).get("correlation_id")).isEqualTo(correlationId);
        await("on the stream").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(correlationIdsOnStream("events.ticket.created", "ticket:created/" + id + "@")).containsExactly(correlationId));
    }

    @Test
    void anUnacceptableIdIsReplacedByANewOneAndAMissingOneIsMade() throws Exception {
        String tooLong = "x".repeat(65);
        HttpResponse<String> r = send("GET", "/api/tickets", "owner", null, Map.of(CorrelationId.HEADER, tooLong));
        String given = r.headers().firstValue(CorrelationId.HEADER).orElseThrow();
        assertThat(given).isNotEqualTo(tooLong);
        assertThat(CorrelationId.accepted(given)).isEqualTo(given);

        String id = createTicket(Map.of(CorrelationId.HEADER, "has spaces in it"));
        Object stored = outbox("ticket:created/" + id + "@0").get(0).get("correlation_id");
        assertThat(stored).isNotNull().isNotEqualTo("has spaces in it");

        String second = createTicket(Map.of());
        assertThat(outbox("ticket:created/" + second + "@0").get(0).get("correlation_id")).isNotNull().isNotEqualTo(stored);
    }

    /** As orders' relay publishes it: order:created with the id of the request that placed the order. */
    @Test
    void aConsumerLogsWithTheEventsIdAndCarriesItIntoTheEventItWrites() throws Exception {
        String ticketId = createTicket(Map.of());
        String orderId = UUID.randomUUID().toString();
        OrderCreatedEvent order = new OrderCreatedEvent(orderId, 0, OrderStatus.CREATED, "buyer", Instant.now().plusSeconds(900),
                new OrderCreatedEvent.TicketRef(ticketId, new BigDecimal("20")));
        try (CapturedLogs logs = captureLogs("dev.ticketing.common.bus.BatchHandler")) {
            try (CorrelationId.Scope ignored = CorrelationId.open(correlationId)) {
                TestPublisher.publish(bus, OutgoingMessage.of(Subjects.ORDER_CREATED, order));
            }

            await("reserved").atMost(Duration.ofSeconds(20)).until(() -> !outbox("ticket:updated/" + ticketId + "@1").isEmpty());
            assertThat(outbox("ticket:updated/" + ticketId + "@1").get(0).get("correlation_id")).isEqualTo(correlationId);
            await("on the stream").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(correlationIdsOnStream("events.ticket.updated", "ticket:updated/" + ticketId + "@1"))
                            .containsExactly(correlationId));
            assertThat(logs.containing("handled order:created/" + orderId))
                    .isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("[" + correlationId + "] "));
        }
    }
}
