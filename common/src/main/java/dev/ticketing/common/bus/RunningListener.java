package dev.ticketing.common.bus;

import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.EventCodec;
import dev.ticketing.common.events.PoisonMessageException;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consuming side of one {@link Listener} in this process: {@code workers} threads, each pulling from
 * the queue group's durable consumer, deciding ack / NAK-with-delay / dead-letter from the outcome.
 */
public final class RunningListener<E extends Event> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningListener.class);
    private static final int REMEMBERED_FAILURES = 10_000;

    private final Listener<E> listener;
    private final ListenerOptions options;
    private final DeadLetters deadLetters;
    private final ListenerStats stats = new ListenerStats();
    private final List<Worker> workers = new ArrayList<>();
    /**
     * Failures per stream sequence, counted here rather than from the broker's delivered count, because
     * NOT_YET redeliveries must not use up a message's failure budget. Bounded; per process.
     */
    private final Map<Long, Integer> failuresBySequence = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
                    return size() > REMEMBERED_FAILURES;
                }
            });
    private volatile boolean stopping;

    RunningListener(Listener<E> listener, ListenerOptions options, ConsumerContext consumer, DeadLetters deadLetters) {
        this.listener = listener;
        this.options = options;
        this.deadLetters = deadLetters;
        for (int i = 0; i < options.workers(); i++) {
            Worker w = new Worker(consumer, listener.durableName() + "-" + i);
            workers.add(w);
            w.thread.start();
        }
    }

    public ListenerStats stats() {
        return stats;
    }

    public Listener<E> listener() {
        return listener;
    }

    /**
     * Graceful stop: no new pulls; the message in hand is finished (up to the drain timeout); messages
     * already pulled but not started are released with a short NAK delay so another replica takes them.
     */
    @Override
    public void close() {
        stopping = true;
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        for (Worker w : workers) {
            try {
                w.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (w.thread.isAlive()) w.thread.interrupt();
        }
    }

    /**
     * Pulls batches with fetch: each fetch ends by itself (batch full or pull expiry), so a broker restart
     * only ends the current fetch and the next one goes to the reconnected server. Messages of a fetch
     * are handed out in order until it is exhausted, none is dropped locally.
     */
    private final class Worker implements Runnable {
        final ConsumerContext consumer;
        final Thread thread;

        Worker(ConsumerContext consumer, String name) {
            this.consumer = consumer;
            this.thread = new Thread(this, "listener-" + name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            FetchConsumeOptions fetch = FetchConsumeOptions.builder()
                    .maxMessages(options.batchSize())
                    .expiresIn(options.pullExpiry().toMillis())
                    .build();
            while (!stopping) {
                try (FetchConsumer batch = consumer.fetch(fetch)) {
                    Message m;
                    while ((m = batch.nextMessage()) != null) {
                        if (stopping) m.nakWithDelay(options.notYetDelay());
                        else handle(m);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (stopping) return;
                    log.warn("{}: pull failed: {}", listener.durableName(), e.toString());
                    pause();
                }
            }
        }

        private void pause() {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    private void handle(Message m) {
        Delivery delivery = delivery(m);
        if (delivery.deliveredCount() > 1) stats.redeliveries.increment();
        E event;
        try {
            event = EventCodec.decode(listener.subject(), m.getData());
        } catch (PoisonMessageException e) {
            deadLetter(m, delivery, "malformed: " + e.getMessage());
            return;
        }
        Outcome outcome;
        try {
            outcome = listener.onMessage(event, delivery);
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            failed(m, delivery, e);
            return;
        }
        switch (outcome) {
            case APPLIED -> {
                stats.applied.increment();
                done(m, delivery);
            }
            case DUPLICATE -> {
                stats.duplicates.increment();
                done(m, delivery);
            }
            case NOT_YET -> notYet(m, delivery);
        }
    }

    private void done(Message m, Delivery delivery) {
        m.ack();
        failuresBySequence.remove(delivery.streamSequence());
    }

    private void notYet(Message m, Delivery delivery) {
        stats.notYet.increment();
        if (delivery.deliveredCount() >= options.maxNotYetDeliveries()) {
            deadLetter(m, delivery, "still not applicable after " + delivery.deliveredCount() + " deliveries");
            return;
        }
        m.nakWithDelay(options.notYetDelay(delivery.deliveredCount()));
    }

    private void failed(Message m, Delivery delivery, Throwable e) {
        stats.failures.increment();
        int failures = failuresBySequence.merge(delivery.streamSequence(), 1, Integer::sum);
        if (failures >= options.maxFailures()) {
            log.error("{}: {} failed {} times, dead-lettering", listener.durableName(), delivery.messageId(), failures, e);
            deadLetter(m, delivery, e.toString());
            return;
        }
        log.warn("{}: {} failed (failure {} of {}): {}", listener.durableName(), delivery.messageId(), failures,
                options.maxFailures(), e.toString());
        m.nakWithDelay(options.failureDelay(failures));
    }

    private void deadLetter(Message m, Delivery delivery, String error) {
        try {
            deadLetters.send(listener.durableName(), m, delivery, error);
            stats.deadLettered.increment();
            log.error("{}: dead-lettered {} (seq {}) to {}: {}", listener.durableName(), delivery.messageId(),
                    delivery.streamSequence(), deadLetters.subjectFor(listener.durableName()), error);
            done(m, delivery);
        } catch (Exception e) {
            log.warn("{}: dead-lettering {} failed, will retry: {}", listener.durableName(), delivery.messageId(), e.toString());
            m.nakWithDelay(options.maxBackoff());
        }
    }

    private Delivery delivery(Message m) {
        NatsJetStreamMetaData meta = m.metaData();
        String id = m.hasHeaders() ? m.getHeaders().getFirst("Nats-Msg-Id") : null;
        return new Delivery(listener.subject().name(), id, meta.streamSequence(), meta.deliveredCount(),
                meta.timestamp().toInstant());
    }
}
