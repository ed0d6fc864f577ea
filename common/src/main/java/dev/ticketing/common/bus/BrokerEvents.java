package dev.ticketing.common.bus;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker tells a process about itself, in one place: the connection lost (what the broker acked and
 * had not synced may be lost with its host), the connection and its subscriptions back, publishing possible
 * again (the bus checked the stream's consumers after a reconnection), and, on a cluster, a new leader of the
 * stream or of one of its consumers (a pull request held by the old leader is gone).
 */
public final class BrokerEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerEvents.class);
    private static final String STREAM_LEADER = "$JS.EVENT.ADVISORY.STREAM.LEADER_ELECTED.";
    private static final String CONSUMER_LEADER = "$JS.EVENT.ADVISORY.CONSUMER.LEADER_ELECTED.";

    private final Connection connection;
    private final ConnectionListener listener = this::connectionEvent;
    private final Dispatcher advisories;
    private final List<Runnable> back = new CopyOnWriteArrayList<>();
    private final List<Runnable> mayHaveLostTail = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> consumerLeader = new CopyOnWriteArrayList<>();

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

    /** A consumer of the stream has a new leader: called with the consumer's name. */
    Runnable onConsumerLeader(Consumer<String> action) {
        return register(consumerLeader, action);
    }

    void publishingResumed() {
        run(back);
    }

    private void connectionEvent(Connection conn, ConnectionListener.Events event) {
        if (event == ConnectionListener.Events.DISCONNECTED) run(mayHaveLostTail);
        if (event == ConnectionListener.Events.RESUBSCRIBED) run(back);
    }

    private void advisory(Message m) {
        String subject = m.getSubject();
        if (subject.startsWith(CONSUMER_LEADER)) {
            String consumer = subject.substring(subject.lastIndexOf('.') + 1);
            consumerLeader.forEach(c -> c.accept(consumer));
            return;
        }
        run(mayHaveLostTail);
        run(back);
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
        try {
            connection.removeConnectionListener(listener);
            if (advisories.isActive()) connection.closeDispatcher(advisories);
        } catch (IllegalStateException | IllegalArgumentException closedFirst) {
            log.debug("broker events: the connection was closed first: {}", closedFirst.toString());
        }
    }
}
