package dev.ticketing.common.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.impl.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationIdTest {
    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void acceptsOnlyBoundedIdsOfSafeCharacters() {
        assertThat(CorrelationId.accepted("req-42.a_b:c")).isEqualTo("req-42.a_b:c");
        assertThat(CorrelationId.accepted("x".repeat(CorrelationId.MAX_LENGTH))).hasSize(CorrelationId.MAX_LENGTH);
        assertThat(CorrelationId.accepted("x".repeat(CorrelationId.MAX_LENGTH + 1))).isNull();
        assertThat(CorrelationId.accepted("")).isNull();
        assertThat(CorrelationId.accepted(null)).isNull();
        assertThat(CorrelationId.accepted("a b")).isNull();
        assertThat(CorrelationId.accepted("forged\n12:00 INFO admin logged in")).isNull();
        assertThat(CorrelationId.accepted("é")).isNull();
    }

    @Test
    void aRefusedIdIsReplacedByANewOne() {
        String fresh = CorrelationId.acceptedOrNew("not ok!");
        assertThat(CorrelationId.accepted(fresh)).isEqualTo(fresh);
        assertThat(CorrelationId.acceptedOrNew("not ok!")).isNotEqualTo(fresh);
        assertThat(CorrelationId.acceptedOrNew("ok-1")).isEqualTo("ok-1");
    }

    @Test
    void aScopeMakesTheIdCurrentAndPutsBackThePreviousOne() {
        try (CorrelationId.Scope outer = CorrelationId.open("outer")) {
            assertThat(CorrelationId.current()).isEqualTo("outer");
            try (CorrelationId.Scope inner = CorrelationId.open("inner")) {
                assertThat(MDC.get(CorrelationId.MDC_KEY)).isEqualTo("inner");
            }
            assertThat(CorrelationId.current()).isEqualTo("outer");
            try (CorrelationId.Scope none = CorrelationId.open(null)) {
                assertThat(CorrelationId.current()).isNull();
            }
            assertThat(CorrelationId.current()).isEqualTo("outer");
        }
        assertThat(CorrelationId.current()).isNull();
    }

    @Test
    void headersCarryOnlyAcceptedIds() {
        assertThat(CorrelationId.of(CorrelationId.addTo(new Headers(), "c-1"))).isEqualTo("c-1");
        assertThat(CorrelationId.addTo(new Headers(), null).isEmpty()).isTrue();
        assertThat(CorrelationId.of(new Headers().put(CorrelationId.HEADER, "bad id"))).isNull();
        assertThat(CorrelationId.of(null)).isNull();
    }
}
