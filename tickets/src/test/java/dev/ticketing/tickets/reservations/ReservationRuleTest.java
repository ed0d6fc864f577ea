package dev.ticketing.tickets.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.tickets.store.Ticket;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ReservationRuleTest {
    private static final Ticket FREE = Ticket.create("concert", new BigDecimal("20"), "owner");
    private static final Ticket HELD = FREE.reservedBy("o-1");

    @Test
    void aFreeTicketIsReservedByAnOrderThatWasNotCancelled() {
        assertThat(ReservationRule.reserve(FREE, "o-1", () -> false)).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void theHolderAgainIsADuplicateWithoutAskingForItsCancel() {
        assertThat(ReservationRule.reserve(HELD, "o-1", () -> fail("not asked"))).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void anOrderWhoseCancelCameFirstNeverReserves() {
        assertThat(ReservationRule.reserve(FREE, "o-late", () -> true)).isEqualTo(Outcome.DUPLICATE);
        assertThat(ReservationRule.reserve(HELD, "o-late", () -> true)).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void aNextOrderWaitsForTheHoldersCancel() {
        assertThat(ReservationRule.reserve(HELD, "o-2", () -> false)).isEqualTo(Outcome.NOT_YET);
    }

    @Test
    void onlyTheHolderReleases() {
        assertThat(ReservationRule.release(HELD, "o-1")).isEqualTo(Outcome.APPLIED);
        assertThat(ReservationRule.release(HELD, "o-other")).isEqualTo(Outcome.DUPLICATE);
        assertThat(ReservationRule.release(FREE, "o-1")).as("already released").isEqualTo(Outcome.DUPLICATE);
    }
}
