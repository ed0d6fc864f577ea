package dev.ticketing.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.common.events.TimestampedTicketEvent;
import dev.ticketing.common.ordering.VersionKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

class TicketSourceListenersTest {
    @Test
    void sourcesAreReadAsNameAndVersionKind() {
        var env = new MockEnvironment().withProperty("orders.replica.sources.mystery", "number")
                .withProperty("orders.replica.sources.almanac", "instant");
        assertThat(TicketSourceListeners.sources(env))
                .containsEntry("mystery", VersionKind.NUMBER).containsEntry("almanac", VersionKind.INSTANT).hasSize(2);
        assertThat(TicketSourceListeners.sources(new MockEnvironment())).as("none by default").isEmpty();
    }

    @Test
    void aSourceCanBeGivenAsAnEnvironmentVariable() {
        var env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("ORDERS_REPLICA_SOURCES_MYSTERY", "instant")));
        assertThat(TicketSourceListeners.sources(env)).containsEntry("mystery", VersionKind.INSTANT);
    }

    @Test
    void aSourceFollowsItsOwnSubjectWithItsVersionKind() {
        var subject = TicketSourceListeners.subject("almanac", VersionKind.INSTANT);
        assertThat(subject.name()).isEqualTo("almanac:ticket");
        assertThat(subject.type()).isEqualTo(TimestampedTicketEvent.class);
    }

    @Test
    void theTicketsServiceAndBadNamesAreNotSources() {
        assertThatThrownBy(() -> TicketSourceListeners.subject("tickets", VersionKind.NUMBER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orders.replica.sources");
        assertThatThrownBy(() -> TicketSourceListeners.subject("Mystery-1", VersionKind.NUMBER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
