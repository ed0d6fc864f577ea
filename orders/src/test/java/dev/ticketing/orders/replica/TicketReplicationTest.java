package dev.ticketing.orders.replica;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.ListenerStats;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.NumberedTicketEvent;
import dev.ticketing.common.events.SourcedTicketEvent;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.common.events.TimestampedTicketEvent;
import dev.ticketing.common.ordering.Version;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.spring.events.ListenerLifecycle;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import io.nats.client.PublishOptions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The course's listener tests, handlers called directly on the real database, plus ordering through the real broker:
 * the tickets service's versions and the seeds' two mystery sources (numbered 100/200/300, and timestamped).
 */
class TicketReplicationTest extends ServiceIntegrationTest {
    @Autowired
    TicketReplicaRepository replicas;

    @Autowired
    TicketReplication replication;

    @Autowired
    ListenerLifecycle listeners;

    private static final Subject<NumberedTicketEvent> MYSTERY = Subjects.numberedTickets("mystery");
    private static final Subject<TimestampedTicketEvent> ALMANAC = Subjects.timestampedTickets("almanac");

    private static TicketCreatedEvent create(UUID id, long version) {
        return new TicketCreatedEvent(id.toString(), version, "concert", new BigDecimal("10.00"), "owner");
    }

    private static TicketUpdatedEvent update(UUID id, long version, String price) {
        return new TicketUpdatedEvent(id.toString(), version, "concert v" + version, new BigDecimal(price), "owner", null);
    }

    private static NumberedTicketEvent numbered(UUID id, long version, String price) {
        return new NumberedTicketEvent(id.toString(), version, "concert", new BigDecimal(price));
    }

    private static TimestampedTicketEvent timestamped(UUID id, String version, String price) {
        return new TimestampedTicketEvent(id.toString(), version, "concert", new BigDecimal(price));
    }

    private TicketReplica stored(UUID id) {
        return replicas.find(id).orElseThrow();
    }

    @Test
    void createsAndSavesATicketWithTheOwnersIdAndVersion() {
        UUID id = UUID.randomUUID();
        assertThat(replication.created(create(id, 0))).isEqualTo(Outcome.APPLIED);
        TicketReplica t = stored(id);
        assertThat(t.title()).isEqualTo("concert");
        assertThat(t.price()).isEqualByComparingTo("10");
        assertThat(t.version()).isZero();
        assertThat(replication.created(create(id, 0))).as("duplicate").isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void findsUpdatesAndSavesTheNextVersion() {
        UUID id = UUID.randomUUID();
        replication.created(create(id, 0));
        assertThat(replication.updated(update(id, 1, "15"))).isEqualTo(Outcome.APPLIED);
        assertThat(stored(id).price()).isEqualByComparingTo("15");
        assertThat(stored(id).title()).isEqualTo("concert v1");
        assertThat(stored(id).version()).isEqualTo(1);
    }

    @Test
    void aSkippedVersionIsNotAppliedAndNotAcked() {
        UUID id = UUID.randomUUID();
        replication.created(create(id, 0));
        assertThat(replication.updated(update(id, 2, "99"))).isEqualTo(Outcome.NOT_YET);
        assertThat(stored(id).version()).isZero();
        assertThat(stored(id).price()).isEqualByComparingTo("10");
    }

    @Test
    void anOlderOrEqualVersionIsADuplicate() {
        UUID id = UUID.randomUUID();
        replication.created(create(id, 0));
        replication.updated(update(id, 1, "15"));
        assertThat(replication.updated(update(id, 1, "77"))).isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(id).price()).isEqualByComparingTo("15");
    }

    @Test
    void anUpdateBeforeTheCreateWaits() {
        UUID id = UUID.randomUUID();
        assertThat(replication.updated(update(id, 1, "15"))).isEqualTo(Outcome.NOT_YET);
        assertThat(replicas.find(id)).isEmpty();
    }

    @Test
    void aSourcedTicketKeepsTheNewestVersionWhicheverComesFirst() {
        UUID id = UUID.randomUUID();
        assertThat(replication.sourced("mystery", numbered(id, 300, "15"))).as("first seen creates").isEqualTo(Outcome.APPLIED);
        assertThat(replication.sourced("mystery", numbered(id, 100, "10"))).as("older").isEqualTo(Outcome.DUPLICATE);
        assertThat(replication.sourced("mystery", numbered(id, 300, "99"))).as("equal").isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(id).version()).isEqualTo(300);
        assertThat(stored(id).price()).isEqualByComparingTo("15");
        assertThat(replication.sourced("mystery", numbered(id, 400, "20"))).as("newer, with a gap").isEqualTo(Outcome.APPLIED);
        assertThat(stored(id).version()).isEqualTo(400);
        assertThat(stored(id).price()).isEqualByComparingTo("20");
    }

    @Test
    void aTimestampedTicketIsStoredAtItsInstant() {
        UUID id = UUID.randomUUID();
        assertThat(replication.sourced("almanac", timestamped(id, "2026-05-02T12:00:00Z", "10"))).isEqualTo(Outcome.APPLIED);
        assertThat(replication.sourced("almanac", timestamped(id, "2026-05-02T14:00:00+02:00", "77")))
                .as("the same instant with an offset").isEqualTo(Outcome.DUPLICATE);
        assertThat(replication.sourced("almanac", timestamped(id, "2026-05-03T12:00:00Z", "15"))).isEqualTo(Outcome.APPLIED);
        assertThat(stored(id).version()).isEqualTo(Version.instant("2026-05-03T12:00:00Z").position());
        assertThat(stored(id).price()).isEqualByComparingTo("15");
    }

    @Test
    void aTicketFollowsOneSourceOnly() {
        UUID owned = UUID.randomUUID();
        replication.created(create(owned, 0));
        assertThatThrownBy(() -> replication.sourced("mystery", numbered(owned, 100, "15")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("follows source 'tickets'");
        UUID sourced = UUID.randomUUID();
        replication.sourced("mystery", numbered(sourced, 100, "15"));
        assertThatThrownBy(() -> replication.created(create(sourced, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("follows source 'mystery'");
        assertThatThrownBy(() -> replication.updated(update(sourced, 101, "20")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("follows source 'mystery'");
        assertThatThrownBy(() -> replication.sourced("almanac", timestamped(sourced, "2026-05-01T12:00:00Z", "20")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not 'almanac'");
        assertThat(stored(sourced).version()).isEqualTo(100);
        assertThat(stored(owned).version()).isZero();
    }

    @Test
    void theCoursesNumberedMysterySourceOutOfOrderThroughTheBroker() throws Throwable {
        UUID first300 = UUID.randomUUID();
        UUID first200 = UUID.randomUUID();
        List<NumberedTicketEvent> published = List.of(
                numbered(first300, 300, "15"), numbered(first300, 100, "10"), numbered(first300, 200, "12"),
                numbered(first200, 200, "12"), numbered(first200, 100, "10"), numbered(first200, 300, "15"));
        // first300: 300 applied, 100 and 200 older; first200: 200 applied, 100 older, 300 applied
        assertEachAppliedOnce("orders-service_mystery-ticket", published, 3, () -> {
            for (NumberedTicketEvent e : published) TestPublisher.publish(bus, MYSTERY, e);
        }, List.of(first300, first200), 300);
    }

    @Test
    void theTimestampedMysterySourceOutOfOrderThroughTheBroker() throws Throwable {
        UUID newestFirst = UUID.randomUUID();
        UUID middleFirst = UUID.randomUUID();
        List<TimestampedTicketEvent> published = List.of(
                timestamped(newestFirst, "2026-05-03T12:00:00Z", "15"), timestamped(newestFirst, "2026-05-01T12:00:00Z", "10"),
                timestamped(newestFirst, "2026-05-02T12:00:00Z", "12"),
                timestamped(middleFirst, "2026-05-02T12:00:00Z", "12"), timestamped(middleFirst, "2026-05-03T12:00:00Z", "15"),
                timestamped(middleFirst, "2026-05-01T12:00:00Z", "10"));
        assertEachAppliedOnce("orders-service_almanac-ticket", published, 3, () -> {
            for (TimestampedTicketEvent e : published) TestPublisher.publish(bus, ALMANAC, e);
        }, List.of(newestFirst, middleFirst), Version.instant("2026-05-03T12:00:00Z").position());
    }

    @Test
    void aMalformedTimestampIsDeadLetteredWithItsErrorAndTheSourceGoesOn() throws Exception {
        UUID id = UUID.randomUUID();
        String natsSubject = ALMANAC.natsSubject(bus.config().subjectPrefix(), timestamped(id, "2026-05-01T12:00:00Z", "10"),
                bus.config().partitions());
        String seedForm = "{\"id\":\"" + id + "\",\"version\":\"05-01-12:00\",\"title\":\"concert\",\"price\":10}";
        bus.connection().jetStream().publish(natsSubject, seedForm.getBytes(StandardCharsets.UTF_8),
                PublishOptions.builder().messageId("malformed/" + id).build());
        TestPublisher.publish(bus, ALMANAC, timestamped(id, "2026-05-02T12:00:00Z", "12"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(replicas.find(id)).hasValueSatisfying(t -> assertThat(t.price()).isEqualByComparingTo("12")));
        JsonNode letters = await("dead-lettered").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                TestJson.read(send("GET", "/actuator/deadletters?consumer=orders-service_almanac-ticket", null, null).body()),
                listing -> deadLetterOf(listing, id) != null);
        assertThat(deadLetterOf(letters, id).get("error").asString()).startsWith("malformed").contains("ISO-8601", "05-01-12:00");
    }

    private static JsonNode deadLetterOf(JsonNode listing, UUID id) {
        for (JsonNode d : listing.get("deadLetters")) if (d.get("payload").asString().contains(id.toString())) return d;
        return null;
    }

    /**
     * Publishes, waits until every ticket is at the newest version and every event has had its outcome, and
     * checks that exactly the expected ones were applied (a redelivery of an applied event is a duplicate,
     * never a second apply) and none was dead-lettered.
     */
    private void assertEachAppliedOnce(String consumer, List<? extends SourcedTicketEvent> published, long applied,
                                       Executable publish, List<UUID> tickets, long newest) throws Throwable {
        ListenerStats stats = listeners.statsOf(consumer);
        long appliedBefore = stats.applied();
        long duplicatesBefore = stats.duplicates();
        long deadBefore = stats.deadLettered();
        publish.execute();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (UUID id : tickets) {
                assertThat(replicas.find(id)).as(id.toString()).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo(newest));
            }
            assertThat(stats.applied() - appliedBefore + stats.duplicates() - duplicatesBefore).isGreaterThanOrEqualTo(published.size());
        });
        assertThat(stats.applied() - appliedBefore).as("applied, each once").isEqualTo(applied);
        assertThat(stats.deadLettered() - deadBefore).isZero();
        for (UUID id : tickets) {
            assertThat(stored(id).price()).as("the newest state").isEqualByComparingTo("15");
        }
    }

    @Test
    void eventsArrivingBackwardsThroughTheBrokerEndInOrderWithinSeconds() throws Exception {
        UUID id = UUID.randomUUID();
        TestPublisher.publish(bus, Subjects.TICKET_UPDATED, update(id, 3, "30"));
        TestPublisher.publish(bus, Subjects.TICKET_UPDATED, update(id, 2, "20"));
        TestPublisher.publish(bus, Subjects.TICKET_UPDATED, update(id, 1, "15"));
        TestPublisher.publish(bus, Subjects.TICKET_CREATED, create(id, 0));
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(replicas.find(id)).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo(3)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no ack-wait stall").isLessThan(Duration.ofSeconds(8));
        assertThat(stored(id).price()).isEqualByComparingTo("30");
        assertThat(stored(id).title()).isEqualTo("concert v3");
    }
}
