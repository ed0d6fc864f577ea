package dev.ticketing.spring.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.bus.ListenerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventsPropertiesTest {
    @Test
    void nothingSetIsTheLibrarysDefaults() {
        assertThat(new EventsProperties("nats://x", null, null, null, null, null, null, null).toListenerOptions())
                .isEqualTo(ListenerOptions.defaults());
    }

    @Test
    void whatIsSetReplacesOnlyThatSetting() {
        ListenerOptions defaults = ListenerOptions.defaults();
        ListenerOptions options = new EventsProperties("nats://x", null, Duration.ofSeconds(3), null, 50, null, null, null)
                .toListenerOptions();

        assertThat(options.ackWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.batchSize()).isEqualTo(50);
        assertThat(options.maxFailures()).isEqualTo(defaults.maxFailures());
        assertThat(options.workers()).isEqualTo(defaults.workers());
        assertThat(options.notYetDelay()).isEqualTo(defaults.notYetDelay());
    }

    @Test
    void theBusGetsTheUrlTheServiceNameTheReplicasAndThePartitions() {
        EventBusConfig single = new EventsProperties("nats://x", null, null, null, null, null, null, null).toBusConfig("orders");
        EventBusConfig cluster = new EventsProperties("nats://a,nats://b,nats://c", "orders-2", null, null, null, null, 3, 8)
                .toBusConfig("orders");

        assertThat(single.replicas()).isEqualTo(1);
        assertThat(single.connectionName()).isEqualTo("orders");
        assertThat(cluster.replicas()).isEqualTo(3);
        assertThat(single.partitions()).isEqualTo(dev.ticketing.common.events.Partitions.DEFAULT_COUNT);
        assertThat(cluster.partitions()).isEqualTo(8);
        assertThat(cluster.natsUrl()).isEqualTo("nats://a,nats://b,nats://c");
        assertThat(cluster.connectionName()).isEqualTo("orders-2");
        assertThat(cluster.stream()).isEqualTo(EventBusConfig.defaults("nats://x", "y").stream());
    }
}
