package dev.ticketing.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which NATS subjects are a subject's own: the one check of a message the broker delivered outside a consumer's filter. */
class SubjectTest {
    @Test
    void carriesItsOwnPartitionsUnderAnyPrefix() {
        assertThat(Subjects.TICKET_UPDATED.carries(Subjects.TICKET_UPDATED.natsFilter("ticketing", 3))).isTrue();
        assertThat(Subjects.TICKET_UPDATED.carries(Subjects.TICKET_UPDATED.natsFilter("proof.run.7", 15))).isTrue();
    }

    @Test
    void doesNotCarryAnotherSubjectsMessages() {
        assertThat(Subjects.TICKET_UPDATED.carries(Subjects.TICKET_CREATED.natsFilter("ticketing", 3))).isFalse();
        assertThat(Subjects.ORDER_CREATED.carries(Subjects.ORDER_CANCELLED.natsFilter("ticketing", 0))).isFalse();
        assertThat(Subjects.TICKET_UPDATED.carries("ticket.updated")).isFalse();
        assertThat(Subjects.TICKET_UPDATED.carries("ticketing.xticket.updated.3")).isFalse();
    }
}
