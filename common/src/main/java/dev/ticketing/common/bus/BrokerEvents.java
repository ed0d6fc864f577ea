package dev.ticketing.common.bus;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker tells a process about itself, in one place: the connection lost (what the broker acked and
 * had not synced may be lost with its host), the connection and its subscriptions back, publishing possible
 * again (the bus checked the stream's consumers after a reconnection), and, on a cluster, a new leader of the
 * stream or of one of its consumers. An election is also the one sign a client gets that its node's routes to
 * the others were cut and are back: pull requests that crossed them are gone, even those of consumers whose
 * leader stayed. So every election is told as a "leaders changed", at most once a second, one second after the
 * first of a burst (a node back from a partition brings elections in many groups, one after the other).
 */
public final class BrokerEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerEvents.class);
    private static final String STREAM_LEADER = "$JS.EVENT.ADVISORY.STREAM.LEADER_ELECTED.";
    private static final String CONSUMER_LEADER = "$JS.EVENT.ADVISORY.CONSUMER.LEADER_ELECTED.";
    private static final Duration LEADERS_SETTLE = Duration.ofSeconds(1);

    private final Connection connection;
    private final ConnectionListener listener = this::connectionEvent;
    private final Dispatcher advisories;
    private final List<Runnable> back = new CopyOnWriteArrayList<>();
    private final List<Runnable> mayHaveLostTail = new CopyOnWriteArrayList<>();
    private final List<Runnable> leadersChanged = new CopyOnWriteArrayList<>();
    private final AtomicBoolean leadersChangeDue = new AtomicBoolean();
    private final ScheduledExecutorService settle = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "broker-events");
        t.setDaemon(true);
        return t;
    });

    BrokerEvents(Connection connection, String stream) {
        this.connection = connection;
        connection.addConnectionListener(listener);
        advisories = connection.createDispatcher(this::advisory);
        advisories.subscribe(STREAM_LEADER + stream);
        advisories.subscribe(CONSUMER_LEADER + stream + ".*");
    }

    /**
     * The broker is back: the connection and its subscriptions, publishing after the consumers' check, or a
     * new leader of the stream. Answers what stops the calls.
     */
    public Runnable onBack(Runnable action) {
        return register(back, action);
    }

    /** A disconnection or a new leader of the stream: the broker may have lost the tail it had not synced. */
    public Runnable onMayHaveLostTail(Runnable action) {
        return register(mayHaveLostTail, action);
    }

    /** The stream or one of its consumers has a new leader (told at most once a second, see above). */
    Runnable onLeadersChanged(Runnable action) {
        return register(leadersChanged, action);
    }

    void publishingResumed() {
        run(back);
    }

    private void connectionEvent(Connection conn, ConnectionListener.Events event) {
        if (event == ConnectionListener.Events.DISCONNECTED) run(mayHaveLostTail);
        if (event == ConnectionListener.Events.RESUBSCRIBED) run(back);
    }

    private void advisory(Message m) {
        if (m.getSubject().startsWith(STREAM_LEADER)) {
            run(mayHaveLostTail);
            run(back);
        }
        if (leadersChangeDue.compareAndSet(false, true)) {
            try {
                settle.schedule(() -> {
                    leadersChangeDue.set(false);
                    run(leadersChanged);
                }, LEADERS_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                leadersChangeDue.set(false);
            }
        }
    }

    private static <T> Runnable register(List<T> list, T action) {
        list.add(action);
        return () -> list.remove(action);
    }

    private static void run(List<Runnable> actions) {
        for (Runnable r : actions) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("broker events: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        settle.shutdownNow();
        try {
            connection.removeConnectionListener(listener);
            if (advisories.isActive()) connection.closeDispatcher(advisories);
        } catch (IllegalStateException | IllegalArgumentException closedFirst) {
            log.debug("broker events: the connection was closed first: {}", closedFirst.toString());
        }
    }
}
