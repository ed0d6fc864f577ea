package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.common.events.ExpirationCompleteEvent;
import dev.ticketing.common.events.Subjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerTest {
    private static final Delivery DELIVERY = new Delivery("expiration:complete", "m", 1, 1, Instant.now());

    @Test
    void aOneLineListenerHandsTheEventToItsHandlerAndAnswersWithItsOutcome() throws Exception {
        List<String> handled = new ArrayList<>();
        Listener<ExpirationCompleteEvent> listener = Listener.of(Subjects.EXPIRATION_COMPLETE, "orders-service", e -> {
            handled.add(e.orderId());
            return Outcome.NOT_YET;
        });

        assertThat(listener.onMessage(new ExpirationCompleteEvent("o1"), DELIVERY)).isEqualTo(Outcome.NOT_YET);
        assertThat(handled).containsExactly("o1");
        assertThat(listener.subject()).isEqualTo(Subjects.EXPIRATION_COMPLETE);
        assertThat(listener.durableName()).isEqualTo("orders-service_expiration-complete");
    }

    @Test
    void aBadQueueGroupOrNoHandlerIsRefused() {
        assertThatThrownBy(() -> Listener.of(Subjects.EXPIRATION_COMPLETE, "orders service", e -> Outcome.APPLIED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Listener.of(Subjects.EXPIRATION_COMPLETE, "orders-service", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void anInsertThatChangedSomethingIsAppliedOtherwiseADuplicate() {
        assertThat(Outcome.appliedIf(true)).isEqualTo(Outcome.APPLIED);
        assertThat(Outcome.appliedIf(false)).isEqualTo(Outcome.DUPLICATE);
    }
}
