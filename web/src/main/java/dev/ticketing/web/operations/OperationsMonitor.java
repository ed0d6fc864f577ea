package dev.ticketing.web.operations;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scrapes every service's metrics each {@link #WATCHED} while a dashboard is open and each {@link #UNWATCHED}
 * otherwise (a scrape costs every service CPU, and nobody looks), keeps the last {@link #WINDOW} of scrapes in a
 * ring and pushes a snapshot to the open dashboards. A dashboard that opens gets a scrape at once. The dead
 * letters (one listing reads every one of them) are read only while a dashboard is open. Everything runs on one
 * thread, one step after the other.
 */
@Component
class OperationsMonitor {
    static final Duration WATCHED = Duration.ofSeconds(5);
    static final Duration UNWATCHED = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(OperationsMonitor.class);

    private final ManagementUrls urls;
    private final ManagementClient management;
    private final OperationsStreams streams;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Deque<Tick> ring = new ArrayDeque<>(); // guarded by this
    private volatile DeadLetters deadLetters = DeadLetters.unknown();
    private ScheduledFuture<?> nextTick; // only on the worker thread
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "operations-monitor");
        t.setDaemon(true);
        return t;
    });

    OperationsMonitor(ManagementUrls urls, ManagementClient management, OperationsStreams streams) {
        this.urls = urls;
        this.management = management;
        this.streams = streams;
        if (!urls.all().isEmpty()) worker.execute(this::tick);
    }

    /** The latest snapshot, as JSON. */
    String current() {
        return json.writeValueAsString(snapshot());
    }

    /** Soon, on the monitor's thread: a scrape, the dead letters read and a snapshot pushed; then scrapes as watched. */
    void dashboardOpened() {
        if (urls.all().isEmpty()) return;
        worker.execute(() -> {
            if (nextTick != null) nextTick.cancel(false);
            tick();
        });
    }

    /** Soon, on the monitor's thread: the dead letters read again and a snapshot pushed (a replay). */
    void refreshDeadLetters() {
        worker.execute(() -> {
            readDeadLetters(latest());
            streams.push(current());
        });
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        worker.shutdownNow();
    }

    private void tick() {
        try {
            Tick tick = scrape();
            synchronized (this) {
                ring.addLast(tick);
                while (ring.peekFirst().at().isBefore(tick.at().minus(WINDOW))) ring.removeFirst();
            }
            if (streams.watched()) {
                readDeadLetters(tick);
                streams.push(current());
            }
        } catch (RuntimeException e) {
            log.warn("operations snapshot failed", e); // the next tick tries again
        }
        Duration wait = streams.watched() ? WATCHED : UNWATCHED;
        if (!worker.isShutdown()) nextTick = worker.schedule(this::tick, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Tick scrape() {
        Map<String, ServiceFigures> services = new LinkedHashMap<>();
        urls.all().forEach((service, url) -> services.put(service, figures(service, url)));
        return new Tick(Instant.now(), services);
    }

    private ServiceFigures figures(String service, String url) {
        try {
            return ServiceFigures.of(service, PrometheusText.parse(management.prometheus(url)));
        } catch (IOException | RuntimeException e) {
            log.debug("{}: no metrics ({})", service, e.toString());
            return ServiceFigures.down(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServiceFigures.down(service);
        }
    }

    /** From the first service that answers: every service sees the one dead-letter stream. */
    private void readDeadLetters(Tick tick) {
        for (Map.Entry<String, String> service : urls.all().entrySet()) {
            try {
                deadLetters = DeadLetters.of(service.getKey(), management.deadLetters(service.getValue()),
                        consumer -> Snapshot.serviceOf(tick, consumer));
                return;
            } catch (IOException | RuntimeException e) {
                log.debug("{}: no dead letters ({})", service.getKey(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized Tick latest() {
        return ring.peekLast();
    }

    private Snapshot snapshot() {
        List<Tick> ticks;
        synchronized (this) {
            ticks = new ArrayList<>(ring);
        }
        return Snapshot.of(ticks, urls.services(), deadLetters, WINDOW.toSeconds());
    }
}
