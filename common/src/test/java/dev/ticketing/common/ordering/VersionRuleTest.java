package dev.ticketing.common.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.bus.Outcome;
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
}
