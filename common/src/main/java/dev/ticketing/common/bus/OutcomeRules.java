package dev.ticketing.common.bus;

import java.time.Duration;

/**
 * The listener outcome rules, in one pure function: given what handling one message came to and the facts the
 * rules weigh, the action to take. {@link BatchHandler} gathers the facts and carries the action out.
 */
final class OutcomeRules {
    /** A NOT_YET goes to the back of its partition only from this delivery on (NAKing first lets what it waits for, if behind it, arrive). */
    static final int MOVE_BACK_AFTER_DELIVERIES = 4;
    /** A message moves to the back at most so often. */
    static final int MAX_MOVES_BACK = 20;

    private OutcomeRules() {
    }

    /** What handling a message came to. */
    enum Result { APPLIED, DUPLICATE, NOT_YET, FAILED, DEPENDENCY_AWAY, MALFORMED, FOREIGN }

    /**
     * @param deliveries    the broker's delivered count
     * @param failures      the handler's failures of this message so far, this one included
     * @param parkable      whether its worker can park it (its partition is held here, parks fewer than its
     *                      share, and the message has not been parked for the longest park yet)
     * @param waitingBehind whether messages of its partition wait behind it at the broker
     * @param movesBack     how often it was moved to the back already
     * @param movable       whether it may be moved back now (false after a failed attempt: NAK then)
     */
    record Facts(Result result, long deliveries, int failures, boolean parkable, boolean waitingBehind, int movesBack,
                 boolean movable) {
        Facts notMovable() {
            return new Facts(result, deliveries, failures, parkable, waitingBehind, movesBack, false);
        }
    }

    enum Kind {
        /** Acknowledge: done with it. */
        ACK,
        /** Hold it back until its partition applies something (see {@link Parking}). */
        PARK,
        /** Negative acknowledgement: the broker delivers it again after {@code delay}. */
        NAK,
        /** Publish a copy at the back of its partition, then acknowledge it ({@link Requeue}). */
        MOVE_BACK,
        /** Send it to the dead letters with {@code reason}, then acknowledge it. */
        DEAD_LETTER,
        /** Keep it in hand, unsettled, and try it again when the dependency is back. */
        HOLD
    }

    record Action(Kind kind, Duration delay, String reason) {
        static final Action ACK = new Action(Kind.ACK, Duration.ZERO, null);
        static final Action PARK = new Action(Kind.PARK, Duration.ZERO, null);
        static final Action HOLD = new Action(Kind.HOLD, Duration.ZERO, null);
        static final Action MOVE_BACK = new Action(Kind.MOVE_BACK, Duration.ZERO, null);

        static Action nak(Duration delay) {
            return new Action(Kind.NAK, delay, null);
        }

        static Action deadLetter(String reason) {
            return new Action(Kind.DEAD_LETTER, Duration.ZERO, reason);
        }
    }

    /** {@code error}: the handler's exception or the decoder's complaint, for a dead letter's reason. */
    static Action decide(Facts f, ListenerOptions o, String error) {
        return switch (f.result()) {
            case APPLIED, DUPLICATE, FOREIGN -> Action.ACK;
            case DEPENDENCY_AWAY -> Action.HOLD;
            case MALFORMED -> Action.deadLetter("malformed: " + error);
            case FAILED -> f.failures() >= o.maxFailures() ? Action.deadLetter(error) : Action.nak(o.failureDelay(f.failures()));
            case NOT_YET -> notYet(f, o);
        };
    }

    private static Action notYet(Facts f, ListenerOptions o) {
        if (f.parkable()) return Action.PARK;
        if (f.movable() && f.deliveries() >= MOVE_BACK_AFTER_DELIVERIES && f.waitingBehind() && f.movesBack() < MAX_MOVES_BACK) {
            return Action.MOVE_BACK;
        }
        if (f.deliveries() >= o.maxNotYetDeliveries()) {
            return Action.deadLetter("still not applicable after " + f.deliveries() + " deliveries");
        }
        return Action.nak(o.notYetDelay(f.deliveries()));
    }
}
