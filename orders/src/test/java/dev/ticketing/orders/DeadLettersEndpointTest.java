package dev.ticketing.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.Subject;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import io.nats.client.PublishOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin endpoint over the real dead-letter stream: a malformed ticket:updated, listed, shown, replayed. */
class DeadLettersEndpointTest extends ServiceIntegrationTest {
    private static final String CONSUMER = "orders-service_ticket-updated";

    private JsonNode get(String path) throws Exception {
        var r = send("GET", path, null, null);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return TestJson.read(r.body());
    }

    @Test
    void aMalformedEventIsListedShownAndReplayedOnceMarked() throws Exception {
        String marker = UUID.randomUUID().toString();
        String subject = Subject.natsSubject(bus.config().subjectPrefix(), Subjects.TICKET_UPDATED.name(), "3");
        bus.connection().jetStream().publish(subject, ("{\"id\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8),
                PublishOptions.builder().messageId("malformed/" + marker).build());

        JsonNode mine = await("dead-lettered").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> find(get("/actuator/deadletters?consumer=" + CONSUMER), marker), d -> d != null);
        assertThat(mine.get("error").asString()).startsWith("malformed");
        assertThat(mine.get("originalSubject").asString()).isEqualTo(subject);
        assertThat(mine.get("replayedAt").isNull()).isTrue();
        long sequence = mine.get("sequence").asLong();
        assertThat(get("/actuator/deadletters/" + sequence).get("payload").asString()).contains(marker);
        assertThat(get("/actuator/deadletters").get("consumers").get(CONSUMER).get("total").asLong()).isPositive();

        var replayed = send("POST", "/actuator/deadletters/" + sequence, null, null);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(TestJson.read(replayed.body()).get("replayedAt").isNull()).as("marked replayed").isFalse();
        assertThat(send("GET", "/actuator/deadletters/999999999", null, null).statusCode()).isEqualTo(404);
    }

    private static JsonNode find(JsonNode listing, String marker) {
        for (JsonNode d : listing.get("deadLetters")) if (d.get("payload").asString().contains(marker)) return d;
        return null;
    }
}
