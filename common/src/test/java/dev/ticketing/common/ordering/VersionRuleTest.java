package dev.ticketing.common.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.common.bus.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionRuleTest {
    @Test
    void nextVersionAppliesOnlyTheVersionAfterTheStoredOne() {
        assertThat(VersionRule.NEXT_VERSION.decide(1L, 2)).isEqualTo(Outcome.APPLIED);
        assertThat(VersionRule.NEXT_VERSION.decide(1L, 3)).as("gap").isEqualTo(Outcome.NOT_YET);
        assertThat(VersionRule.NEXT_VERSION.decide(1L, 1)).as("same").isEqualTo(Outcome.DUPLICATE);
        assertThat(VersionRule.NEXT_VERSION.decide(5L, 2)).as("older").isEqualTo(Outcome.DUPLICATE);
        assertThat(VersionRule.NEXT_VERSION.decide(null, 1)).as("update before create").isEqualTo(Outcome.NOT_YET);
    }

    @Test
    void theVersionAWriteMayGoOverIsTheOneTheRuleAppliesOver() {
        for (long incoming = 1; incoming <= 5; incoming++) {
            long over = VersionRule.NEXT_VERSION.appliesOver(incoming).orElseThrow();
            for (long stored = 0; stored <= 6; stored++) {
                boolean applies = VersionRule.NEXT_VERSION.decide(stored, incoming) == Outcome.APPLIED;
                assertThat(stored == over).as("stored %d, incoming %d", stored, incoming).isEqualTo(applies);
            }
        }
        assertThat(VersionRule.ANY_NEWER.appliesOver(300)).as("any older version will do").isEmpty();
    }

    @Test
    void anyNewerAcceptsGapsButNeverGoesBack() {
        assertThat(VersionRule.ANY_NEWER.decide(100L, 300)).isEqualTo(Outcome.APPLIED);
        assertThat(VersionRule.ANY_NEWER.decide(100L, 101)).isEqualTo(Outcome.APPLIED);
        assertThat(VersionRule.ANY_NEWER.decide(300L, 200)).isEqualTo(Outcome.DUPLICATE);
        assertThat(VersionRule.ANY_NEWER.decide(300L, 300)).isEqualTo(Outcome.DUPLICATE);
        assertThat(VersionRule.ANY_NEWER.decide(null, 300)).isEqualTo(Outcome.NOT_YET);
    }

    @Test
    void sequenceNumbersApplyStrictlyInOrder() {
        assertThat(VersionRule.nextInSequence(0, 1)).isEqualTo(Outcome.APPLIED);
        assertThat(VersionRule.nextInSequence(0, 2)).isEqualTo(Outcome.NOT_YET);
        assertThat(VersionRule.nextInSequence(3, 3)).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void theCoursesMysterySourceNumbered100To300() {
        Version v100 = Version.number(100), v200 = Version.number(200), v300 = Version.number(300);
        assertThat(VersionRule.ANY_NEWER.decide(v100, v200)).isEqualTo(Outcome.APPLIED);
        assertThat(VersionRule.ANY_NEWER.decide(v200, v300)).isEqualTo(Outcome.APPLIED);
        assertThat(VersionRule.ANY_NEWER.decide(v100, v300)).as("a gap is fine").isEqualTo(Outcome.APPLIED);
        assertThat(VersionRule.ANY_NEWER.decide(v300, v200)).as("older").isEqualTo(Outcome.DUPLICATE);
        assertThat(VersionRule.ANY_NEWER.decide(v200, v200)).as("equal").isEqualTo(Outcome.DUPLICATE);
        assertThat(VersionRule.ANY_NEWER.decide(null, v200)).as("not there yet").isEqualTo(Outcome.NOT_YET);
        assertThat(VersionRule.NEXT_VERSION.decide(v100, v200)).as("next-version waits for 101").isEqualTo(Outcome.NOT_YET);
        assertThat(VersionRule.NEXT_VERSION.decide(v100, Version.number(101))).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void theSecondMysterySourceVersionedByTimestamps() {
        Version may1 = Version.instant("2026-05-01T12:00:00Z");
        Version may2 = Version.instant("2026-05-02T12:00:00Z");
        assertThat(VersionRule.ANY_NEWER.decide(may1, may2)).as("newer").isEqualTo(Outcome.APPLIED);
        assertThat(VersionRule.ANY_NEWER.decide(may2, may1)).as("older").isEqualTo(Outcome.DUPLICATE);
        assertThat(VersionRule.ANY_NEWER.decide(may2, Version.instant("2026-05-02T14:00:00+02:00")))
                .as("equal, written with an offset").isEqualTo(Outcome.DUPLICATE);
        assertThat(VersionRule.ANY_NEWER.decide(null, may1)).isEqualTo(Outcome.NOT_YET);
    }

    @Test
    void outOfOrderDeliveriesEndAtTheNewestWhateverTheOrder() {
        List<List<String>> orders = List.of(
                List.of("2026-05-01T12:00:00Z", "2026-05-02T12:00:00Z", "2026-05-03T12:00:00Z"),
                List.of("2026-05-03T12:00:00Z", "2026-05-01T12:00:00Z", "2026-05-02T12:00:00Z"),
                List.of("2026-05-02T12:00:00Z", "2026-05-03T12:00:00Z", "2026-05-01T12:00:00Z"),
                List.of("2026-05-03T12:00:00Z", "2026-05-02T12:00:00Z", "2026-05-01T12:00:00Z"));
        for (List<String> delivery : orders) {
            Version stored = Version.instant(delivery.get(0));
            for (String next : delivery.subList(1, delivery.size())) {
                Version incoming = Version.instant(next);
                if (VersionRule.ANY_NEWER.decide(stored, incoming) == Outcome.APPLIED) stored = incoming;
            }
            assertThat(stored).as(delivery.toString()).isEqualTo(Version.instant("2026-05-03T12:00:00Z"));
        }
    }

    @Test
    void nextVersionCannotOrderInstantsAndKindsDoNotMix() {
        Version may1 = Version.instant("2026-05-01T12:00:00Z");
        assertThat(VersionRule.NEXT_VERSION.accepts(VersionKind.INSTANT)).isFalse();
        assertThat(VersionRule.ANY_NEWER.accepts(VersionKind.INSTANT)).isTrue();
        assertThatThrownBy(() -> VersionRule.NEXT_VERSION.decide(may1, may1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionRule.ANY_NEWER.decide(Version.number(100), may1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
