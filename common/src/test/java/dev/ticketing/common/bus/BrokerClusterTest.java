package dev.ticketing.common.bus;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.ClusterEngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ClusterInfo;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bus on a 3-node broker (scripts/engine.sh with NATS_NODES=3): its streams are kept on every node, and
 * killing the node that leads the event stream (kill -9) loses nothing: publishes go on once another node
 * leads, the listener gets every event, and the killed node rejoins.
 */
@ExtendWith(ClusterEngineExtension.class)
class BrokerClusterTest {
    private static TicketCreatedEvent ticket(int i) {
        return new TicketCreatedEvent("ticket-" + i, 0, "concert " + i, new BigDecimal("10.00"), "user-1");
    }

    @Test
    void streamsAreReplicatedAndTheLeadersKillLosesNothing(TestEngine engine) throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "cluster-test").withNamespace("cluster").withReplicas(3);
        try (EventBus bus = EventBus.connect(config)) {
            JetStreamManagement jsm = bus.connection().jetStreamManagement();
            ClusterInfo events = jsm.getStreamInfo(config.stream()).getClusterInfo();
            assertThat(events.getReplicas()).hasSize(2);
            assertThat(jsm.getStreamInfo(config.deadLetterStream()).getConfiguration().getReplicas()).isEqualTo(3);

            var listener = new RecordingListener<>(Subjects.TICKET_CREATED, "cluster-group", (e, d) -> Outcome.APPLIED);
            bus.listen(listener, ListenerOptions.defaults().withAckWait(Duration.ofSeconds(5)));
            for (int i = 0; i < 20; i++) TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(i));

            String leader = events.getLeader();
            engine.killNatsNode(TestEngine.nodeOf(leader));
            for (int i = 20; i < 40; i++) TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(i));
            assertThat(jsm.getStreamInfo(config.stream()).getClusterInfo().getLeader()).isNotEqualTo(leader);
            engine.startNatsNode(TestEngine.nodeOf(leader));

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(seenIds(listener)).hasSize(40));
            assertThat(jsm.getStreamInfo(config.stream()).getStreamState().getMsgCount()).isEqualTo(40);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    jsm.getStreamInfo(config.stream()).getClusterInfo().getReplicas())
                    .anySatisfy(r -> assertThat(r.getName()).isEqualTo(leader))
                    .allSatisfy(r -> assertThat(r.isCurrent()).isTrue()));
        }
    }

    private static Set<String> seenIds(RecordingListener<TicketCreatedEvent> listener) {
        return listener.seen.stream().map(s -> s.event().id()).collect(Collectors.toSet());
    }
}
