package dev.ticketing.common.bus;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A queue group of one process: it sees what is published from its start on, and the broker expires it. */
@ExtendWith(EngineExtension.class)
class ProcessOwnedListenerTest {
    private EventBus bus;

    @BeforeEach
    void setUp(TestEngine engine) {
        bus = EventBus.connect(EventBusConfig.defaults(engine.natsUrl(), "owned").withNamespace("owned" + System.nanoTime()));
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    private void publish(String id) throws Exception {
        TestPublisher.publish(bus, Subjects.TICKET_CREATED, new TicketCreatedEvent(id, 0, "t", new BigDecimal("1.00"), "u"));
    }

    @Test
    void itStartsWithWhatIsPublishedFromNowOnAndItsConsumersExpireWhenIdle() throws Exception {
        publish("before");
        List<String> seen = new CopyOnWriteArrayList<>();
        Listener<TicketCreatedEvent> live = new Listener<>(Subjects.TICKET_CREATED, "live-1") {
            @Override
            public Outcome onMessage(TicketCreatedEvent event, Delivery delivery) {
                seen.add(event.id());
                return Outcome.APPLIED;
            }

            @Override
            public boolean processOwned() {
                return true;
            }
        };
        bus.listen(live, ListenerOptions.defaults());
        publish("after");
        await("the event published after the start").atMost(Duration.ofSeconds(10)).until(() -> seen.contains("after"));
        assertThat(seen).containsExactly("after");
        for (int p = 0; p < dev.ticketing.common.events.Partitions.COUNT; p++) {
            ConsumerConfiguration cc = bus.connection().jetStreamManagement()
                    .getConsumerInfo(bus.config().stream(), EventBus.partitionDurable(live, p)).getConsumerConfiguration();
            assertThat(cc.getDeliverPolicy()).isEqualTo(DeliverPolicy.New);
            assertThat(cc.getInactiveThreshold()).isEqualTo(EventBus.PROCESS_OWNED_IDLE_LIMIT);
        }
    }
}
