package dev.ticketing.proof.bench;

/** The run itself failed (failed writes, replicas that did not converge or diverged): its figures mean nothing. */
final class BenchFailure extends RuntimeException {
    BenchFailure(String message) {
        super(message);
    }
}
