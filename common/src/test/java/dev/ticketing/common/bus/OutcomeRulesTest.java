package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.bus.OutcomeRules.Action;
import dev.ticketing.common.bus.OutcomeRules.Facts;
import dev.ticketing.common.bus.OutcomeRules.Kind;
import dev.ticketing.common.bus.OutcomeRules.Result;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The outcome rules as a table, without a broker: the facts of one message, and the action they call for. */
class OutcomeRulesTest {
    private static final ListenerOptions OPTIONS = ListenerOptions.defaults(); // 8 failures, 2400 NOT_YET deliveries

    @ParameterizedTest(name = "{0} delivery {1} failures {2} parkable {3} behind {4} moved {5} movable {6} -> {7} {8}")
    @CsvSource({
            // result,  deliveries, failures, parkable, behind, moved, movable, action,      delay ms
            "APPLIED,          1,  0, false, false,  0, true,  ACK,          0",
            "DUPLICATE,        3,  0, false, false,  0, true,  ACK,          0",
            "FOREIGN,          2,  0, false, false,  0, true,  ACK,          0",
            "DEPENDENCY_AWAY,  1,  0, false, false,  0, true,  HOLD,         0",
            "MALFORMED,        1,  0, false, false,  0, true,  DEAD_LETTER,  0",
            "FAILED,           1,  1, false, false,  0, true,  NAK,        100",
            "FAILED,           3,  3, false, false,  0, true,  NAK,        400",
            "FAILED,           9,  7, false, false,  0, true,  NAK,       2000",
            "FAILED,           9,  8, false, false,  0, true,  DEAD_LETTER,  0",
            "NOT_YET,          1,  0, true,  true,   0, true,  PARK,         0",
            "NOT_YET,          1,  0, false, false,  0, true,  NAK,         20",
            "NOT_YET,          3,  0, false, true,   0, true,  NAK,         80",
            "NOT_YET,          4,  0, false, true,   0, true,  MOVE_BACK,    0",
            "NOT_YET,          4,  0, false, false,  0, true,  NAK,        160",
            "NOT_YET,          9,  0, false, true,  20, true,  NAK,        250",
            "NOT_YET,          9,  0, false, true,   3, false, NAK,        250",
            "NOT_YET,       2399,  0, false, false,  0, true,  NAK,        250",
            "NOT_YET,       2400,  0, false, false,  0, true,  DEAD_LETTER,  0",
            "NOT_YET,       2400,  0, true,  false,  0, true,  PARK,         0",
    })
    void decides(Result result, long deliveries, int failures, boolean parkable, boolean behind, int moved, boolean movable,
                 Kind kind, long delayMillis) {
        Action action = OutcomeRules.decide(new Facts(result, deliveries, failures, parkable, behind, moved, movable),
                OPTIONS, "boom");
        assertThat(action.kind()).isEqualTo(kind);
        assertThat(action.delay()).isEqualTo(Duration.ofMillis(delayMillis));
    }

    @ParameterizedTest
    @CsvSource({
            "MALFORMED, 1, 0, 'malformed: boom'",
            "FAILED,    8, 8, boom",
            "NOT_YET, 2400, 0, 'still not applicable after 2400 deliveries'",
    })
    void aDeadLetterSaysWhy(Result result, long deliveries, int failures, String reason) {
        Action action = OutcomeRules.decide(new Facts(result, deliveries, failures, false, false, 0, true), OPTIONS, "boom");
        assertThat(action.reason()).isEqualTo(reason);
    }
}
