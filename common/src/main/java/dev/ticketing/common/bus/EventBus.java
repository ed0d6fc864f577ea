package dev.ticketing.common.bus;

import dev.ticketing.common.events.Event;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.ServerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to NATS JetStream for a process: makes sure the streams exist, hands out the
 * {@link Publisher}, and starts {@link Listener}s. The connection reconnects forever, so a broker restart
 * is ridden out; close() stops listeners gracefully, then the connection. At start-up and after every
 * reconnection, before this process publishes to the stream again, the stream's consumers whose position is
 * past its end (the broker's host crashed and lost the stream's tail) are put back ({@link ConsumerRewind}).
 */
public final class EventBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final EventBusConfig config;
    private final Connection connection;
    private final JetStreamManagement jsm;
    private final Publisher publisher;
    private final DeadLetters deadLetters;
    private final Requeue requeue;
    private final UnsyncedCopies copies;
    private final ConsumerRewind rewind;
    private final ExecutorService afterReconnect;
    private final BrokerEvents events;
    private final List<RunningListener<?>> listeners = new CopyOnWriteArrayList<>();
    private PartitionLeases leases;

    private EventBus(EventBusConfig config, Connection connection) throws IOException {
        this.config = config;
        this.connection = connection;
        this.jsm = connection.jetStreamManagement();
        this.publisher = new Publisher(connection.jetStream(), config, this::awaitPositionsChecked);
        this.copies = new UnsyncedCopies(connection, BrokerSync.UNVERIFIED_WINDOW);
        this.deadLetters = new DeadLetters(copies, config);
        this.requeue = new Requeue(copies, config, this::awaitPositionsChecked);
        this.rewind = new ConsumerRewind(jsm, config.stream());
        this.events = new BrokerEvents(connection, config.stream());
        this.afterReconnect = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "event-bus-after-reconnect");
            t.setDaemon(true);
            return t;
        });
        connection.addConnectionListener((conn, type) -> {
            if (type != ConnectionListener.Events.RECONNECTED) return;
            try {
                afterReconnect.execute(this::checkPositionsAfterReconnect);
            } catch (RejectedExecutionException closing) {
                // closed meanwhile
            }
        });
    }

    /** Connects (waiting for the broker up to a minute if it is not up yet) and ensures the streams. */
    public static EventBus connect(EventBusConfig config) {
        Options options = Options.builder()
                .server(config.natsUrl())
                .connectionName(config.connectionName())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener(EventBus::logConnectionEvent)
                .build();
        try {
            Connection connection = Nats.connectReconnectOnConnect(options);
            JetStreamManagement jsm = connection.jetStreamManagement();
            EventBus bus = new EventBus(retryUntilReady(() -> Streams.ensure(jsm, config)), connection);
            retryUntilReady(() -> {
                bus.checkPositions();
                return null;
            });
            return bus;
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot connect to NATS at " + config.natsUrl(), e);
        }
    }

    public EventBusConfig config() {
        return config;
    }

    public Publisher publisher() {
        return publisher;
    }

    public Connection connection() {
        return connection;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Dead letters and requeued copies this process published again after the broker lost them. */
    public long copiesRestored() {
        return copies.restored();
    }

    /**
     * Creates or updates the queue group's durable consumer of each partition of the listener's subject, then
     * starts consuming; each message is handled on its own.
     */
    public <E extends Event> RunningListener<E> listen(Listener<E> listener, ListenerOptions options) {
        return listen(listener, options, BatchScope.NONE);
    }

    /** Same, handling the messages a worker has at hand together in one {@code scope}. */
    public <E extends Event> RunningListener<E> listen(Listener<E> listener, ListenerOptions options, BatchScope scope) {
        return listen(listener, options, scope, ListenerObserver.NONE);
    }

    /** Same, telling the observer how long handlers take and when messages are applied. */
    public <E extends Event> RunningListener<E> listen(Listener<E> listener, ListenerOptions options, BatchScope scope,
                                                       ListenerObserver observer) {
        List<ConsumerContext> consumers = new ArrayList<>(config.partitions());
        for (int p = 0; p < config.partitions(); p++) consumers.add(partitionConsumer(listener, options, p));
        RunningListener<E> running = new RunningListener<>(listener, options, consumers, connection.createDispatcher(),
                deadLetters, requeue, scope, observer, leases());
        listeners.add(running);
        events.onBack(running::repullAll);
        events.onLeadersChanged(running::repullAll);
        return running;
    }

    /**
     * How long a process's lease heartbeat stays valid, and how often it is sent: three per ttl, so one late
     * heartbeat (a GC pause, a busy machine) loses nothing. A killed replica's partitions are taken after the ttl
     * ({@link PartitionLeases#silenceBeforeTakeover}).
     */
    static final Duration LEASE_TTL = Duration.ofMillis(1500);
    static final Duration LEASE_RENEW = Duration.ofMillis(500);

    /** Who consumes which partition of the shared listeners: one bucket next to the stream, made on first use. */
    private synchronized PartitionLeases leases() {
        if (leases == null) {
            leases = retryUntilReady(() -> new PartitionLeases(connection, config.stream() + "_LEASES", config.replicas(),
                    LEASE_TTL, LEASE_RENEW));
            events.onBack(leases::brokerBack);
        }
        return leases;
    }

    /** The durable consumer of one partition of the listener's subject, shared by its queue group. */
    public static String partitionDurable(Listener<?> listener, int partition) {
        return listener.durableName() + "_p" + partition;
    }

    /** The connection on which the stream's consumers were last checked ({@link #checkPositions}); null before. */
    private volatile String positionsCheckedOn;

    /**
     * The broker may be back from a crash of its host that lost the stream's tail, and its consumers past the
     * stream's end would skip what is published next ({@link ConsumerRewind}). So they are put back first, then
     * the copies this process published that the broker lost are published again ({@link UnsyncedCopies}), and
     * until then this process publishes nothing to the stream ({@link #positionsChecked}). On a connection
     * that reconnects meanwhile the check does not count; the next one (after that reconnection) will.
     */
    private void checkPositions() throws IOException, JetStreamApiException {
        String on = currentConnection();
        rewind.rewindPastEnd();
        copies.restore();
        positionsCheckedOn = on;
    }

    /** True while connected and the stream's consumers have been checked on this connection. */
    boolean positionsChecked() {
        return connection.getStatus() == Connection.Status.CONNECTED && currentConnection().equals(positionsCheckedOn);
    }

    /**
     * The server (its id is new at every start) and this client's id on it: a new value at every (re)connection.
     * (The client's count of reconnections is raised a moment after the reconnection is announced.)
     */
    private String currentConnection() {
        ServerInfo info = connection.getServerInfo();
        ConnectionKey known = connectionKey;
        if (known != null && known.info() == info) return known.key(); // every publish asks: no string built then
        String key = info == null ? "" : info.getServerId() + "/" + info.getClientId();
        connectionKey = new ConnectionKey(info, key);
        return key;
    }

    private record ConnectionKey(ServerInfo info, String key) {
    }

    private volatile ConnectionKey connectionKey;

    /** The connection on which a wait for the check ran out: later waits on it do not wait. */
    private volatile String checkWaitRanOutOn;

    /**
     * Waits for the check while connected (it takes a few requests), at most {@code atMost}; not connected,
     * or once one wait on this connection ran out (a check retrying through an election), answers at once.
     */
    private boolean awaitPositionsChecked(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!positionsChecked()) {
            String on = currentConnection();
            if (connection.getStatus() != Connection.Status.CONNECTED || on.equals(checkWaitRanOutOn)) return false;
            if (System.nanoTime() >= deadline) {
                if (!atMost.isZero()) checkWaitRanOutOn = on;
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Broker unreachable this long after a reconnection: the check is given up and publishing goes on, unchecked. */
    private void checkPositionsAfterReconnect() {
        try {
            retryUntilReady(() -> {
                checkPositions();
                return null;
            });
        } catch (IllegalStateException e) {
            if (afterReconnect.isShutdown()) return;
            log.error("the stream's consumer positions could not be checked after the reconnection; publishing "
                    + "goes on unchecked: {}", e.getMessage());
            positionsCheckedOn = currentConnection();
        }
        events.publishingResumed();
    }

    /** What the broker tells this process about itself: see {@link BrokerEvents}. */
    public BrokerEvents events() {
        return events;
    }

    /** The queue group's pending and ack-pending messages over all partitions: one request per partition. */
    public ConsumerBacklog backlog(Listener<?> listener) throws IOException, JetStreamApiException {
        long pending = 0;
        long ackPending = 0;
        for (int p = 0; p < config.partitions(); p++) {
            ConsumerInfo info = jsm.getConsumerInfo(config.stream(), partitionDurable(listener, p));
            pending += info.getNumPending();
            ackPending += info.getNumAckPending();
        }
        return new ConsumerBacklog(pending, ackPending);
    }

    /**
     * Messages of one partition delivered and not yet acknowledged. One process consumes a partition at a
     * time ({@link PartitionLeases}), in order, so a window of many is safe and lets a batch hold many
     * messages of one partition. A NOT_YET (a dependency on another subject), a killed replica's messages or
     * a partition changing hands can still bring one key's events out of turn: the version and sequence
     * rules absorb that.
     */
    static final int MAX_ACK_PENDING = 16;

    /** Creates or updates the partition's durable consumer. */
    private ConsumerContext partitionConsumer(Listener<?> listener, ListenerOptions options, int partition) {
        String durable = partitionDurable(listener, partition);
        ConsumerConfiguration cc = ConsumerConfiguration.builder()
                .durable(durable)
                .filterSubject(listener.subject().natsFilter(config.subjectPrefix(), partition))
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .ackWait(options.ackWait())
                // Unlimited at the broker: NOT_YET redeliveries must not exhaust it. The library bounds
                // failures and NOT_YETs itself and dead-letters instead of dropping.
                .maxDeliver(-1)
                .maxAckPending(MAX_ACK_PENDING)
                .build();
        // On a cluster the consumer may still be electing its leader (a node just died): its info call fails.
        // A consumer put back by ConsumerRewind starts at a sequence, which the broker does not let us change.
        return retryUntilReady(() -> {
            jsm.addOrUpdateConsumer(config.stream(), ConsumerRewind.keepingStart(rewind.infoOrNull(durable), cc));
            return connection.getConsumerContext(config.stream(), durable);
        });
    }

    @Override
    public void close() {
        afterReconnect.shutdownNow();
        events.close();
        for (RunningListener<?> l : listeners) l.close();
        listeners.clear();
        synchronized (this) {
            if (leases != null) leases.close();
        }
        try {
            connection.flush(Duration.ofSeconds(2));
        } catch (Exception e) {
            log.debug("flush on close: {}", e.toString());
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Step<T> {
        T run() throws IOException, JetStreamApiException;
    }

    /** Start-up steps wait for the broker (it may still be starting, restarting or electing) up to a bound. */
    private static <T> T retryUntilReady(Step<T> step) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            try {
                return step.run();
            } catch (IOException | JetStreamApiException | IllegalStateException e) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("JetStream not ready: " + e, e);
                log.info("JetStream not ready yet ({}); retrying", e.getMessage());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ie);
                }
            }
        }
    }

    private static void logConnectionEvent(Connection conn, ConnectionListener.Events type) {
        switch (type) {
            case DISCONNECTED -> log.warn("NATS disconnected from {}", conn.getConnectedUrl());
            case RECONNECTED -> log.info("NATS reconnected to {}", conn.getConnectedUrl());
            case CONNECTED -> log.info("NATS connected to {}", conn.getConnectedUrl());
            default -> log.debug("NATS {}", type);
        }
    }
}
