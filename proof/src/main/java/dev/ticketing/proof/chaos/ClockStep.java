package dev.ticketing.proof.chaos;

import dev.ticketing.proof.ProofOptions;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clock step on one service host: that service JVM runs under libfaketime from its start
 * ({@link ServiceProcess#fakeClock}); once the drive is a quarter done, its wall clock is stepped to +5 s, held,
 * stepped to -5 s (10 s back at once), held, and put back to the real time. Only the wall clock moves, as in an
 * NTP step: System.nanoTime, and with it the JVM's timed waits and scheduled executors, go on undisturbed.
 *
 * <p>The service is the first replica of the replicated service (orders-1; accounts-1 in the accounting
 * scenario): of the JVMs of a run it reads the wall clock where it matters most. It dates the orders it places
 * ({@code expiresAt} = now + the window, which expiration compares with PostgreSQL's clock and payments with its
 * own); it shares the listeners' partitions with the other replicas through leases, whose heartbeats it dates
 * on arrival (by the monotonic clock, which a wall clock step must not reach); and it is one of the replicas a
 * kill -9 restarts, so it may start again on a stepped clock. (Expiration decides by PostgreSQL's
 * clock, which libfaketime does not reach; payments' clock is the other candidate.)
 *
 * <p>Each step is dated twice: when the clock file was rewritten, and when the service's clock was first seen at
 * the new offset (the Date header of its health endpoint, in whole seconds; libfaketime reads the file again
 * within about 2 s). A step not seen within 30 s fails the run: a clock-step run whose clock did not step
 * proves nothing.
 */
public final class ClockStep {
    private static final Logger log = LoggerFactory.getLogger(ClockStep.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The offsets from the real time in turn, in seconds: +5, then -5 (a 10 s step back), then 0. */
    static final long[] OFFSETS = {5, -5, 0};
    static final double DUE_AT = 0.25;
    /** How long each offset is held once the service's clock shows it. */
    static final Duration HOLD = Duration.ofSeconds(4);
    static final Duration SEEN_WITHIN = Duration.ofSeconds(180); // a replica killed by the chaos may take minutes to start again

    private final ServiceProcess service;
    private final Consumer<Strike> strikes;
    private final Thread thread = new Thread(this::run, "clock-step");
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile boolean done;
    private volatile Exception failure;

    /** The service whose clock steps: the first replica of the replicated service. */
    public static String victim(Cluster.Layout layout) {
        return layout.replicated() + "-1";
    }

    /** @param strikes where each step goes once the next one ended it (ChaosMonkey's list) */
    public ClockStep(Cluster cluster, ProofOptions options, Consumer<Strike> strikes) {
        this.strikes = strikes;
        this.service = !options.clockStep() ? null : cluster.all().stream().filter(ServiceProcess::fakesClock).findFirst()
                .orElseThrow(() -> new IllegalStateException("--clock-step: no service of the run is under libfaketime"));
        thread.setDaemon(true);
    }

    /** From the chaos loop: starts the steps once due (on their own thread), and throws what failed them. */
    public void poll(double fraction) throws Exception {
        if (failure != null) throw failure;
        if (service != null && !started && fraction >= DUE_AT) {
            started = true;
            thread.start();
        }
    }

    /** Configured and not over yet: the clock is not back at the real time (or a failure is not thrown yet). */
    public boolean owed() {
        return service != null && (!done || failure != null);
    }

    /** How many steps the service's clock was seen to take. */
    public int steps() {
        return seen.size();
    }

    /** E.g. "clock steps of orders-1 (libfaketime, wall clock only): to +5 s, seen 1.42 s after written; ...". */
    public String describe() {
        if (service == null) return "";
        return "clock steps of " + service.name() + " (libfaketime, wall clock only): "
                + (seen.isEmpty() ? "none" : String.join("; ", seen));
    }

    private void run() {
        long[] written = new long[OFFSETS.length];
        long[] seenAt = new long[OFFSETS.length];
        try {
            for (int i = 0; i < OFFSETS.length; i++) {
                long offset = OFFSETS[i];
                log.info("chaos: stepping {}'s wall clock to {} s", service.name(), signed(offset));
                written[i] = System.currentTimeMillis();
                service.setClockOffset(offset);
                seenAt[i] = awaitSeen(offset);
                seen.add(String.format(Locale.ROOT, "to %s s, seen %.2f s after written", signed(offset),
                        (seenAt[i] - written[i]) / 1000.0));
                log.info("chaos: {}'s wall clock is at {} s", service.name(), signed(offset));
                if (i > 0) {
                    long step = OFFSETS[i - 1] - (i > 1 ? OFFSETS[i - 2] : 0);
                    String what = service.name() + " clock " + signed(OFFSETS[i - 1]) + " s"
                            + (step < 0 ? " (" + -step + " s back)" : "");
                    strikes.accept(new Strike(what, written[i - 1], seenAt[i - 1], written[i], seenAt[i], false,
                            "step", "until"));
                }
                if (i < OFFSETS.length - 1) Thread.sleep(HOLD.toMillis());
            }
        } catch (Exception e) {
            log.error("chaos: the clock step of {} failed", service.name(), e);
            failure = e;
        } finally {
            done = true;
        }
    }

    /** Returns when the service's clock was first seen at {@code offset}. */
    private long awaitSeen(long offset) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SEEN_WITHIN.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            long sent = System.currentTimeMillis();
            Optional<Long> date = dateHeaderSeconds();
            long received = System.currentTimeMillis();
            if (date.isPresent()) {
                // The answer was dated between sent and received: at the offset asked, its second lies in between.
                // The other offsets are 5 s or more away, and an answer taken here takes less than 4 s.
                long real = date.get() - offset;
                if (received - sent < 4000 && real >= sent / 1000 && real <= received / 1000) return received;
                last = signed(date.get() - sent / 1000) + " s";
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(service.name() + "'s clock was not seen at " + signed(offset) + " s within "
                + SEEN_WITHIN.toSeconds() + " s (last seen: " + last + "): does libfaketime reach its JVM?");
    }

    /** The service's wall clock in epoch seconds, from the Date header of its health endpoint; empty without one. */
    private Optional<Long> dateHeaderSeconds() throws InterruptedException {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.headers().firstValue("date")
                    .map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond());
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty(); // restarting after a kill -9, say: ask again
        }
    }

    private static String signed(long seconds) {
        return (seconds < 0 ? "" : "+") + seconds;
    }
}
