package dev.ticketing.proof.load;

import java.util.concurrent.atomic.AtomicInteger;

/** How far a drive is, for chaos that strikes mid-run. */
public final class Progress {
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private volatile boolean finished;

    public Progress(int total) {
        this.total = total;
    }

    void step() {
        done.incrementAndGet();
    }

    public void finish() {
        finished = true;
    }

    public double fraction() {
        return total == 0 ? 1 : (double) done.get() / total;
    }

    public boolean finished() {
        return finished;
    }
}
