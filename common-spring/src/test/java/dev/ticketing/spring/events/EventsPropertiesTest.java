package dev.ticketing.spring.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.bus.ListenerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventsPropertiesTest {
    @Test
    void nothingSetIsTheLibrarysDefaults() {
        assertThat(new EventsProperties("nats://x", null, null, null, null, null).toListenerOptions())
                .isEqualTo(ListenerOptions.defaults());
    }

    @Test
    void whatIsSetReplacesOnlyThatSetting() {
        ListenerOptions defaults = ListenerOptions.defaults();
        ListenerOptions options = new EventsProperties("nats://x", null, Duration.ofSeconds(3), null, 50, null)
                .toListenerOptions();

        assertThat(options.ackWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.batchSize()).isEqualTo(50);
        assertThat(options.maxFailures()).isEqualTo(defaults.maxFailures());
        assertThat(options.workers()).isEqualTo(defaults.workers());
        assertThat(options.notYetDelay()).isEqualTo(defaults.notYetDelay());
    }
}
