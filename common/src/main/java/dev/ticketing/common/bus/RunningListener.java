package dev.ticketing.common.bus;

import dev.ticketing.common.events.Event;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consuming side of one {@link Listener} in this process. Each partition of the subject has its own
 * durable consumer (see {@link EventBus}); this process keeps a continuous pull on every one of them, and
 * what arrives goes to one local queue. {@code workers} threads take from it what is there, up to a batch,
 * and give it to the {@link BatchHandler}. A batch thus holds at most one message per partition, and each
 * a different record.
 */
public final class RunningListener<E extends Event> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningListener.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    /** Messages asked for per pull request; the broker sends one at a time anyway (one unacked per partition). */
    private static final int PULL_BATCH = 4;

    private final Listener<E> listener;
    private final ListenerOptions options;
    private final ListenerStats stats = new ListenerStats();
    private final BatchHandler<E> handler;
    private final BlockingQueue<Message> arrived = new LinkedBlockingQueue<>();
    private final List<MessageConsumer> pulls = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final ScheduledExecutorService keeper;
    private volatile boolean stopping;

    RunningListener(Listener<E> listener, ListenerOptions options, List<ConsumerContext> partitions,
                    Dispatcher dispatcher, DeadLetters deadLetters, Requeue requeue, BatchScope scope,
                    ListenerObserver observer)
            throws IOException, JetStreamApiException {
        this.listener = listener;
        this.options = options;
        this.handler = new BatchHandler<>(listener, options, stats, deadLetters, requeue, scope, observer);
        ConsumeOptions consume = ConsumeOptions.builder()
                .batchSize(PULL_BATCH)
                .expiresIn(options.pullExpiry().toMillis())
                .build();
        for (ConsumerContext partition : partitions) pulls.add(partition.consume(consume, dispatcher, arrived::add));
        for (int i = 0; i < options.workers(); i++) workers.add(new Worker(listener.durableName() + "-" + i));
        this.keeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "listener-keeper-" + listener.durableName()));
        keeper.scheduleAtFixedRate(this::keepInHandAlive, keepAliveEvery(), keepAliveEvery(), TimeUnit.MILLISECONDS);
        workers.forEach(w -> w.thread.start());
    }

    public ListenerStats stats() {
        return stats;
    }

    public Listener<E> listener() {
        return listener;
    }

    /**
     * Graceful stop: no new pulls; the batch in hand is finished (up to the drain timeout); messages
     * already delivered but not started are released with a short NAK delay so another replica takes them.
     */
    @Override
    public void close() {
        stopping = true;
        pulls.forEach(MessageConsumer::stop);
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        for (Worker w : workers) {
            try {
                w.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (w.thread.isAlive()) w.thread.interrupt();
        }
        releaseArrived();
        keeper.shutdownNow();
    }

    /** What arrived and was not started, and what still arrives for the last pulls, goes back at once. */
    private void releaseArrived() {
        long deadline = System.nanoTime() + options.pullExpiry().toNanos();
        do {
            Message m;
            while ((m = arrived.poll()) != null) m.nakWithDelay(options.notYetDelay());
            if (pulls.stream().allMatch(MessageConsumer::isFinished)) break;
            pause(Duration.ofMillis(20));
        } while (System.nanoTime() < deadline);
        for (MessageConsumer pull : pulls) {
            try {
                pull.close();
            } catch (Exception e) {
                log.debug("{}: closing a pull: {}", listener.durableName(), e.toString());
            }
        }
    }

    /**
     * A batch that takes long (a slow database) must not be redelivered to another replica while it is
     * still being worked on, nor what waits behind it: tell the broker they are in progress. The ack wait
     * can then stay short, which is what bounds the delay after a replica is killed.
     */
    private void keepInHandAlive() {
        long threshold = TimeUnit.MILLISECONDS.toNanos(keepAliveEvery());
        boolean stuck = false;
        for (Worker w : workers) {
            InHand held = w.inHand;
            if (held == null || System.nanoTime() - held.since() < threshold) continue;
            stuck = true;
            held.messages().forEach(this::inProgress);
        }
        if (stuck) arrived.forEach(this::inProgress); // they wait behind the slow batch
    }

    /**
     * A quarter of the ack wait: a message's ack wait starts when the broker sends it, which may be well
     * before a worker takes it, so the first in-progress must go out by half the ack wait at the latest.
     */
    private long keepAliveEvery() {
        return Math.max(50, options.ackWait().toMillis() / 4);
    }

    private void inProgress(Message m) {
        try {
            m.inProgress();
        } catch (RuntimeException e) {
            log.debug("{}: in-progress ack failed: {}", listener.durableName(), e.toString());
        }
    }

    private record InHand(List<Message> messages, long since) {
    }

    private final class Worker implements Runnable {
        final Thread thread;
        volatile InHand inHand;

        Worker(String name) {
            this.thread = daemon(this, "listener-" + name);
        }

        @Override
        public void run() {
            while (!stopping) {
                try {
                    handleNext();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("{}: handling a batch failed: {}", listener.durableName(), e.toString());
                    pause(Duration.ofMillis(250));
                }
            }
        }

        /** Takes what has arrived, up to a batch, waiting briefly only for the first message. */
        private void handleNext() throws InterruptedException {
            Message first = arrived.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) return;
            List<Message> batch = new ArrayList<>(options.batchSize());
            batch.add(first);
            arrived.drainTo(batch, options.batchSize() - 1);
            inHand = new InHand(batch, System.nanoTime());
            try {
                handler.handle(batch);
            } finally {
                inHand = null;
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
