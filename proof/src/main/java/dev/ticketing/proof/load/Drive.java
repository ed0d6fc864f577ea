package dev.ticketing.proof.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Runs N jobs on C client threads, counting accepted and failed writes. Scenarios supply the job. */
abstract class Drive {
    protected final Api api;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());

    Drive(Api api) {
        this.api = api;
    }

    /** One unit of work, e.g. one ticket's create + two updates. */
    protected abstract void job(int i) throws InterruptedException;

    /** Counts a reply: accepted when its status is the expected one; each accepted write emits events. */
    protected boolean expect(Api.Reply r, int status, String what, int eventsEmitted) {
        if (r.status() == status) {
            accepted.increment();
            events.add(eventsEmitted);
            return true;
        }
        failed.increment();
        if (samples.size() < 5) samples.add(what + " -> " + r.status() + " " + r.body());
        return false;
    }

    /** Counts a reply whose status is one of the acceptable outcomes (e.g. 201 or "already reserved"). */
    protected boolean expectOneOf(Api.Reply r, String what, int eventsEmitted, int acceptedStatus, int... alsoFine) {
        if (r.status() == acceptedStatus) return expect(r, acceptedStatus, what, eventsEmitted);
        for (int s : alsoFine) if (r.status() == s) return false;
        return expect(r, acceptedStatus, what, eventsEmitted);
    }

    DriveResult run(int jobs, int clients, Progress progress) throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) {
                    try {
                        job(i);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                    progress.step();
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.HOURS)) pool.shutdownNow();
        return new DriveResult(accepted.sum(), failed.sum(), api.retries.sum(), api.serverFailures(),
                Duration.ofNanos(System.nanoTime() - start), List.copyOf(samples), events.sum());
    }
}
