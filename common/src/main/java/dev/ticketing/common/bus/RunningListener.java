package dev.ticketing.common.bus;

import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Partitions;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consuming side of one {@link Listener} in this process. Each partition of the subject has its own
 * durable consumer (see {@link EventBus}); this process pulls continuously from the partitions it owns
 * ({@link PartitionLeases}; a process-owned listener owns them all). What arrives goes to the queue of the
 * worker of its partition, so one partition's messages are handled by one thread, in order; a worker takes
 * what is there, up to a batch, and gives it to the {@link BatchHandler}.
 */
public final class RunningListener<E extends Event> implements AutoCloseable, PartitionLeases.Claimant {
    private static final Logger log = LoggerFactory.getLogger(RunningListener.class);
    /** How long a worker waits for a message while it has parked ones to look after, and while it has none. */
    private static final Duration PARKED_POLL = Duration.ofMillis(100);
    private static final Duration IDLE_POLL = Duration.ofSeconds(5);
    /** Messages asked for per pull request of one partition: enough for a batch, few enough to be handled within the ack wait. */
    private static final int PULL_BATCH = 16;
    /** How long a hand-over waits for the batch in hand; past it the next owner may get the partition's later messages first. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);
    /** A queued message is kept from redelivery this long at most: a worker that never gets to it must not hold it forever. */
    private static final Duration MAX_QUEUED = Duration.ofSeconds(30);

    private final Listener<E> listener;
    private final ListenerOptions options;
    private final ListenerStats stats = new ListenerStats();
    private final BatchHandler<E> handler;
    private final List<ConsumerContext> partitions;
    private final Dispatcher dispatcher;
    private final ConsumeOptions consume;
    private final PartitionLeases leases;
    private final Set<Integer> mine = ConcurrentHashMap.newKeySet();
    private final Map<Integer, MessageConsumer> pulls = new ConcurrentHashMap<>();
    private final List<Worker> workers = new ArrayList<>();
    private final ScheduledExecutorService keeper;
    private final AtomicBoolean keeping = new AtomicBoolean();
    private volatile boolean stopping;

    /** {@code leases} null: this process owns every partition (a process-owned listener). */
    RunningListener(Listener<E> listener, ListenerOptions options, List<ConsumerContext> partitions,
                    Dispatcher dispatcher, DeadLetters deadLetters, Requeue requeue, BatchScope scope,
                    ListenerObserver observer, PartitionLeases leases) {
        this.listener = listener;
        this.options = options;
        this.partitions = partitions;
        this.dispatcher = dispatcher;
        this.leases = leases;
        this.handler = new BatchHandler<>(listener, options, stats, deadLetters, requeue, scope, observer);
        this.consume = ConsumeOptions.builder().batchSize(PULL_BATCH).expiresIn(options.pullExpiry().toMillis()).build();
        for (int i = 0; i < options.workers(); i++) workers.add(new Worker(listener.durableName() + "-" + i));
        this.keeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "listener-keeper-" + listener.durableName()));
        workers.forEach(w -> w.thread.start());
        leases.join(this);
    }

    public ListenerStats stats() {
        return stats;
    }

    public Listener<E> listener() {
        return listener;
    }

    /** The partitions this process consumes now (a copy). */
    @Override
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(mine);
    }

    @Override
    public String durable() {
        return listener.durableName();
    }

    @Override
    public synchronized void take(int partition) {
        if (stopping || !mine.add(partition)) return;
        try {
            pulls.put(partition, partitions.get(partition).consume(consume, dispatcher, this::arrived));
        } catch (Exception e) {
            mine.remove(partition);
            throw new IllegalStateException("cannot consume partition " + partition + " of " + durable(), e);
        }
    }

    @Override
    public String group() {
        return listener.queueGroup();
    }

    @Override
    public int partitionCount() {
        return partitions.size();
    }

    /** The broker may have lost this process's pull requests (it is back, or leaders changed): pulls afresh. */
    void repullAll() {
        Set.copyOf(mine).forEach(this::repull);
    }

    private synchronized void repull(int partition) {
        if (stopping || !mine.contains(partition)) return;
        MessageConsumer old = pulls.get(partition);
        try {
            pulls.put(partition, partitions.get(partition).consume(consume, dispatcher, this::arrived));
        } catch (Exception e) {
            log.debug("{}: pulling partition {} afresh failed (its heartbeat check will): {}", durable(), partition, e.toString());
            return;
        }
        if (old != null) stopLater(old);
    }

    @Override
    public Duration takeoverDelay() {
        return options.ackWait();
    }

    @Override
    public void release(int partition) {
        synchronized (this) {
            mine.remove(partition);
            MessageConsumer pull = pulls.remove(partition);
            if (pull != null) stopLater(pull);
        }
        Worker w = workerOf(partition);
        for (Arrived a : List.copyOf(w.queue)) {
            if (partitionOf(a.message()) != partition) continue;
            boolean stillQueued = w.queue.remove(a); // else the worker took it meanwhile, and it is the worker's
            if (stillQueued) handBack(a.message());
        }
        w.parking.takeAll(partition).forEach(this::handBack);
        w.awaitNotHolding(partition, RELEASE_WAIT);
    }

    /**
     * Graceful stop: no new pulls; the partitions go back to the group (their next owner starts at once);
     * the batch in hand is finished (up to the drain timeout); what was delivered but not started is
     * released with a short NAK delay so another replica takes it.
     */
    @Override
    public void close() {
        stopping = true;
        workers.forEach(Worker::wakeIfIdle);
        leases.leave(this);
        for (int p : Set.copyOf(mine)) release(p);
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        for (Worker w : workers) {
            try {
                w.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (w.thread.isAlive()) w.thread.interrupt();
        }
        workers.forEach(w -> w.queue.forEach(a -> handBack(a.message())));
        workers.forEach(w -> w.parking.takeAll(-1).forEach(this::handBack));
        keeper.shutdownNow();
    }

    /** Called on the dispatcher's thread; a message of a partition given up meanwhile goes back at once. */
    private void arrived(Message m) {
        int partition = partitionOf(m);
        if (!mine.contains(partition)) {
            handBack(m);
            return;
        }
        workerOf(partition).queue.add(new Arrived(m, System.nanoTime()));
        keepAlive();
    }

    private void handBack(Message m) {
        try {
            m.nakWithDelay(options.notYetDelay());
        } catch (RuntimeException e) {
            log.debug("{}: handing a message back failed: {}", durable(), e.toString());
        }
    }

    static int partitionOf(Message m) {
        return Partitions.ofSubject(m.getSubject());
    }

    private Worker workerOf(int partition) {
        return workers.get(partition % workers.size());
    }

    /**
     * A message waiting longer than a quarter of the ack wait, in hand (a slow database) or queued behind,
     * is reported in progress, so the broker does not give it to another replica while it is still ours.
     * The ack wait can then stay short, which is what bounds the delay after a replica is killed. (Its ack
     * wait started when the broker sent it, so the first report must go out by half the ack wait at the latest.)
     * The keeper runs only while something waits, so an idle listener costs no timer.
     */
    private void keepAlive() {
        if (keeping.compareAndSet(false, true)) scheduleKeeping();
    }

    private void scheduleKeeping() {
        try {
            keeper.schedule(this::keepThenReschedule, keepAliveEvery(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            keeping.set(false);
        }
    }

    private void keepThenReschedule() {
        keepWaitingAlive();
        if (anythingWaits()) {
            scheduleKeeping();
            return;
        }
        keeping.set(false);
        if (anythingWaits()) keepAlive(); // it came between the look and the flag
    }

    /** In hand first: a batch parks what it parks before it leaves the hand. */
    private boolean anythingWaits() {
        for (Worker w : workers) {
            if (w.inHand != null || !w.queue.isEmpty() || w.parking.holdsAny()) return true;
        }
        return false;
    }

    private void keepWaitingAlive() {
        long threshold = TimeUnit.MILLISECONDS.toNanos(keepAliveEvery());
        long now = System.nanoTime();
        for (Worker w : workers) {
            InHand held = w.inHand;
            if (held != null && now - held.since() >= threshold) held.messages().forEach(this::inProgress);
            w.parking.forEachWaiting(threshold, this::inProgress);
            boolean overdue = false;
            for (Arrived a : w.queue) {
                long queued = now - a.atNanos();
                if (queued >= threshold && queued < MAX_QUEUED.toNanos()) inProgress(a.message());
                overdue |= queued >= MAX_QUEUED.toNanos();
            }
            w.warnIfStuck(held, overdue, now);
        }
    }

    private long keepAliveEvery() {
        return Math.max(50, options.ackWait().toMillis() / 4);
    }

    private void inProgress(Message m) {
        try {
            m.inProgress();
        } catch (RuntimeException e) {
            log.debug("{}: in-progress ack failed: {}", durable(), e.toString());
        }
    }

    /** No new pull requests; closed once the one out has expired. */
    private void stopLater(MessageConsumer pull) {
        pull.stop();
        keeper.schedule(() -> closeQuietly(pull), options.pullExpiry().toMillis() + 100, TimeUnit.MILLISECONDS);
    }

    private void closeQuietly(MessageConsumer pull) {
        try {
            pull.close();
        } catch (Exception e) {
            log.debug("{}: closing a pull: {}", durable(), e.toString());
        }
    }

    private record Arrived(Message message, long atNanos) {
    }

    private record InHand(List<Message> messages, long since) {
        boolean holds(int partition) {
            return messages.stream().anyMatch(m -> partitionOf(m) == partition);
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        final BlockingQueue<Arrived> queue = new LinkedBlockingQueue<>();
        final Parking parking = new Parking(mine::contains);
        volatile InHand inHand;
        private volatile boolean idle;

        Worker(String name) {
            this.thread = daemon(this, "listener-" + name);
        }

        @Override
        public void run() {
            while (!stopping) {
                try {
                    handleNext();
                } catch (InterruptedException e) {
                    if (stopping) return;
                    log.warn("{}: worker interrupted while running; it goes on", durable());
                } catch (RuntimeException e) {
                    log.warn("{}: handling a batch failed: {}", durable(), e.toString());
                    pause(Duration.ofMillis(250));
                }
            }
        }

        /**
         * Parked messages whose partition progressed go first; otherwise takes what has arrived, up to a
         * batch, waiting only for the first message.
         */
        private void handleNext() throws InterruptedException {
            parking.takeExpired().forEach(handler::notYet);
            List<Message> retry = parking.takeReady();
            if (!retry.isEmpty()) {
                handleInHand(retry, true);
                return;
            }
            Arrived first = awaitFirst();
            if (first == null) return;
            List<Arrived> taken = new ArrayList<>(options.batchSize());
            taken.add(first);
            queue.drainTo(taken, options.batchSize() - 1);
            List<Message> batch = new ArrayList<>(taken.size());
            taken.forEach(a -> batch.add(a.message()));
            handleInHand(batch, false);
        }

        /**
         * Waits for a message, long while nothing is parked (nothing else is due then), and can be woken by a
         * stop. An interrupt meant for the wait that comes as a message arrives is cleared: the stop lets the
         * batch in hand finish.
         */
        private Arrived awaitFirst() throws InterruptedException {
            Duration wait = parking.holdsAny() ? PARKED_POLL : IDLE_POLL;
            idle = true;
            try {
                if (stopping) return null; // a stop that came before it was idle did not wake it
                return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                idle = false;
                if (stopping) Thread.interrupted();
            }
        }

        void wakeIfIdle() {
            if (idle) thread.interrupt();
        }

        /**
         * What waits for a dependency stays in hand and is tried again after a growing pause, until the
         * dependency is back or its partitions are given up.
         */
        private void handleInHand(List<Message> batch, boolean retry) {
            long since = System.nanoTime();
            try {
                List<Message> rest = handleOwned(batch, since, retry);
                for (int attempt = 1; !rest.isEmpty(); attempt++) {
                    if (stopping) {
                        rest.forEach(RunningListener.this::handBack);
                        return;
                    }
                    pause(options.failureDelay(attempt));
                    rest = handleOwned(new ArrayList<>(rest), since, true);
                }
            } finally {
                inHand = null;
                if (retry) parking.retried();
            }
        }

        /**
         * The batch is in hand before its partitions are checked, so a partition being released is either
         * handed back here or waited for by {@link #awaitNotHolding}.
         */
        private List<Message> handleOwned(List<Message> batch, long since, boolean retry) {
            inHand = new InHand(List.copyOf(batch), since);
            keepAlive();
            List<Message> givenUp = batch.stream().filter(m -> !mine.contains(partitionOf(m))).toList();
            if (!givenUp.isEmpty()) {
                batch.removeAll(givenUp);
                givenUp.forEach(RunningListener.this::handBack);
                inHand = new InHand(List.copyOf(batch), since); // what went back is no longer kept alive
            }
            return batch.isEmpty() ? List.of() : handler.handle(batch, parking, retry);
        }

        private long warnedAt;

        /** Says so, at most once a minute, when this worker holds a batch or leaves its queue untouched for long. */
        void warnIfStuck(InHand held, boolean queueOverdue, long now) {
            boolean holding = held != null && now - held.since() >= MAX_QUEUED.toNanos();
            if (!(holding || queueOverdue) || now - warnedAt < TimeUnit.MINUTES.toNanos(1)) return;
            warnedAt = now;
            log.warn("{}: worker {} has {} for more than {} s (alive: {}); queued messages are no longer kept from redelivery",
                    durable(), thread.getName(), holding ? "held a batch of " + held.messages().size() : "not taken its queue",
                    MAX_QUEUED.toSeconds(), thread.isAlive());
        }

        void awaitNotHolding(int partition, Duration atMost) {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < deadline) {
                InHand held = inHand;
                if (held == null || !held.holds(partition)) return;
                pause(Duration.ofMillis(5));
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
