package dev.ticketing.orders.metrics;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.orders.replica.TicketReplicaRepository;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** /actuator/prometheus after an event went through the broker into the replica and an order through the outbox. */
class PrometheusScrapeTest extends ServiceIntegrationTest {
    private static final String TICKET_CREATED = "orders-service_ticket-created";
    private static final List<String> CONSUMERS = List.of(TICKET_CREATED, "orders-service_ticket-updated",
            "orders-service_expiration-complete", "orders-service_payment-created");

    @Autowired
    TicketReplicaRepository replicas;

    @Test
    void exposesListenerOutboxAndBrokerMetricsWithSensibleValues() throws Exception {
        UUID ticket = UUID.randomUUID();
        TestPublisher.publish(bus, Subjects.TICKET_CREATED,
                new TicketCreatedEvent(ticket.toString(), 0, "concert", new BigDecimal("10.00"), "owner"));
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.find(ticket).isPresent());
        HttpResponse<String> order = send("POST", "/api/orders", "buyer", "{\"ticketId\":\"" + ticket + "\"}");
        assertThat(order.statusCode()).isEqualTo(201);
        String orderId = TestJson.read(order.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox("order:created/" + orderId).stream()
                .anyMatch(r -> r.get("sent_at") != null));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Scrape s = scrape();
            String created = "consumer=\"" + TICKET_CREATED + "\"";
            assertThat(s.value("ticketing_listener_applied_total", created)).isGreaterThanOrEqualTo(1);
            assertThat(s.value("ticketing_listener_apply_seconds_count", created)).isGreaterThanOrEqualTo(1);
            assertThat(s.value("ticketing_listener_apply_seconds_sum", created)).isGreaterThan(0);
            assertThat(s.value("ticketing_listener_lag_seconds_count", created)).isGreaterThanOrEqualTo(1);
            assertThat(s.value("ticketing_listener_lag_seconds_max", created)).isBetween(0.0, 60.0);
            assertThat(s.lines("ticketing_listener_lag_seconds_bucket", created)).hasSizeGreaterThan(10)
                    .anyMatch(l -> l.contains("le=\"+Inf\""));
            assertThat(s.value("ticketing_outbox_publish_latency_seconds_count", "")).isGreaterThanOrEqualTo(1);
            assertThat(s.value("ticketing_outbox_pending", "")).isGreaterThanOrEqualTo(0);
            assertThat(s.value("ticketing_outbox_republished_total", "")).isZero();
            assertThat(s.value("ticketing_outbox_oldest_pending_age_seconds", "")).isGreaterThanOrEqualTo(0);
            for (String consumer : CONSUMERS) {
                String tag = "consumer=\"" + consumer + "\"";
                assertThat(s.value("ticketing_listener_pending", tag)).as(consumer).isGreaterThanOrEqualTo(0);
                assertThat(s.value("ticketing_listener_ack_pending", tag)).as(consumer).isGreaterThanOrEqualTo(0);
                assertThat(s.value("ticketing_listener_dead_lettered_total", tag)).as(consumer).isGreaterThanOrEqualTo(0);
            }
        });
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> r = send("GET", "/actuator/prometheus", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return new Scrape(r.body().lines().filter(l -> !l.startsWith("#")).toList());
    }

    /** Prometheus text format: {@code name{labels} value}. */
    private record Scrape(List<String> samples) {
        List<String> lines(String name, String label) {
            return samples.stream().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                    .filter(l -> l.contains(label)).toList();
        }

        /** The one sample's value; fails when absent or ambiguous. NaN fails every comparison asserted above. */
        double value(String name, String label) {
            List<String> found = lines(name, label);
            assertThat(found).as(name + " " + label).hasSize(1);
            String line = found.get(0);
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
    }
}
