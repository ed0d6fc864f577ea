package dev.ticketing.proof.load;

/**
 * The answers of a drive's calls that were the services' own failures, retries included: refused with 503 (the
 * service cannot serve now; the client tries again), any other 5xx, and calls that got no answer within the
 * client's timeout.
 */
public record ServerFailures(long unavailable, long otherErrors, long timeouts) {
    /** The larger of each count: phases of one drive share one client, whose counts only grow. */
    ServerFailures max(ServerFailures other) {
        return new ServerFailures(Math.max(unavailable, other.unavailable), Math.max(otherErrors, other.otherErrors),
                Math.max(timeouts, other.timeouts));
    }
}
