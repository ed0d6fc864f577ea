package dev.ticketing.common.bus;

import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.EventCodec;
import dev.ticketing.common.events.PoisonMessageException;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a batch of messages a worker took: decoded strictly, handled together in one
 * {@link BatchScope} or, if that fails, one by one, and each settled once the batch is done by the action
 * {@link OutcomeRules} decides: acked, parked ({@link Parking}), NAKed with a delay, moved to the back of its
 * partition or dead-lettered. What met a dependency away goes back to the worker, unsettled.
 *
 * <p>While a message's handler runs, the message's {@link CorrelationId} is the current one (in the MDC),
 * so its log lines and the events it writes carry it; a batch holds messages of different ids, each
 * handler sees its own, and nothing of it stays after the handler.
 */
final class BatchHandler<E extends Event> {
    private static final Logger log = LoggerFactory.getLogger(BatchHandler.class);
    private static final int REMEMBERED_FAILURES = 10_000;

    private final Listener<E> listener;
    private final ListenerOptions options;
    private final ListenerStats stats;
    private final DeadLetters deadLetters;
    private final Requeue requeue;
    private final BatchScope scope;
    private final ListenerObserver observer;
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

    /** Infrastructure failures since the last message this listener handled. */
    private final AtomicLong infrastructureRun = new AtomicLong();

    BatchHandler(Listener<E> listener, ListenerOptions options, ListenerStats stats, DeadLetters deadLetters,
                 Requeue requeue, BatchScope scope, ListenerObserver observer) {
        this.listener = listener;
        this.options = options;
        this.stats = stats;
        this.deadLetters = deadLetters;
        this.requeue = requeue;
        this.scope = scope;
        this.observer = observer;
    }

    private record Pending<E>(Message message, Delivery delivery, E event, String correlationId) {
    }

    /**
     * Handles the batch and settles what it can. Returns what must be tried again, in order, because a
     * dependency is away (empty when nothing is): the worker keeps it in hand and retries it, since the
     * messages behind it in its partitions would only fail too, or overtake it. {@code retry}: the batch
     * was tried before (parked, or held for a dependency), so its deliveries are counted already.
     */
    List<Message> handle(List<Message> batch, Parking parking, boolean retry) {
        List<Pending<E>> ready = new ArrayList<>(batch.size());
        for (Message m : batch) {
            Pending<E> p = decode(m, retry);
            if (p != null) ready.add(p);
        }
        if (ready.size() > 1 && scope != BatchScope.NONE) {
            Together together = handledTogether(ready, parking);
            if (together == Together.HANDLED) return List.of();
            if (together == Together.DEPENDENCY_AWAY) return messagesOf(ready);
        }
        List<Outcome> outcomes = new ArrayList<>(ready.size());
        for (int i = 0; i < ready.size(); i++) {
            try {
                outcomes.add(timed(ready.get(i)));
            } catch (Exception | Error e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                if (InfrastructureFailure.is(e)) {
                    dependencyAway(ready.get(i), e);
                    settleAll(ready.subList(0, i), outcomes, parking);
                    return messagesOf(ready.subList(i, ready.size()));
                }
                failed(ready.get(i), e);
                outcomes.add(null);
            }
        }
        settleAll(ready, outcomes, parking);
        return List.of();
    }

    private List<Message> messagesOf(List<Pending<E>> pending) {
        List<Message> messages = new ArrayList<>(pending.size());
        pending.forEach(p -> messages.add(p.message()));
        return messages;
    }

    /** Acks only once the whole batch is handled (and, together, committed); a null outcome is settled already. */
    private void settleAll(List<Pending<E>> ready, List<Outcome> outcomes, Parking parking) {
        for (int i = 0; i < ready.size(); i++) {
            if (outcomes.get(i) != null) settle(ready.get(i), outcomes.get(i), parking);
        }
    }

    private enum Together { HANDLED, DEPENDENCY_AWAY, ONE_BY_ONE }

    /** All in one scope; on any failure nothing of it stays. */
    private Together handledTogether(List<Pending<E>> ready, Parking parking) {
        List<Outcome> outcomes;
        try {
            outcomes = scope.inOne(() -> {
                List<Outcome> out = new ArrayList<>(ready.size());
                for (Pending<E> p : ready) out.add(timed(p));
                return out;
            });
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            if (InfrastructureFailure.is(e)) {
                dependencyAway(ready.get(0), e);
                return Together.DEPENDENCY_AWAY;
            }
            log.debug("{}: batch of {} failed, handling one by one: {}", listener.durableName(), ready.size(), e.toString());
            return Together.ONE_BY_ONE;
        }
        settleAll(ready, outcomes, parking);
        return Together.HANDLED;
    }

    private Outcome timed(Pending<E> p) throws Exception {
        long start = System.nanoTime();
        try (CorrelationId.Scope ignored = CorrelationId.open(p.correlationId())) {
            Outcome outcome = listener.onMessage(p.event(), p.delivery());
            if (log.isDebugEnabled()) log.debug("{}: handled {} as {}", listener.durableName(), p.delivery().messageId(), outcome);
            return outcome;
        } finally {
            observer.handled(listener.durableName(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private Pending<E> decode(Message m, boolean retry) {
        Delivery delivery = delivery(m);
        if (delivery.deliveredCount() > 1 && !retry) stats.redeliveries.increment();
        if (!listener.subject().carries(m.getSubject())) {
            foreign(m, delivery);
            return null;
        }
        String correlationId = CorrelationId.of(m.getHeaders());
        try {
            return new Pending<>(m, delivery, EventCodec.decode(listener.subject(), m.getData()), correlationId);
        } catch (PoisonMessageException e) {
            try (CorrelationId.Scope ignored = CorrelationId.open(correlationId)) {
                carryOut(m, delivery, facts(OutcomeRules.Result.MALFORMED, m, delivery, 0, null), e.getMessage(), null);
            }
            return null;
        }
    }

    private void settle(Pending<E> p, Outcome outcome, Parking parking) {
        infrastructureRun.set(0);
        switch (outcome) {
            case APPLIED -> {
                stats.applied.increment();
                parking.applied(p.message());
                observer.applied(listener.durableName(), p.delivery().storedAt());
            }
            case DUPLICATE -> stats.duplicates.increment();
            case NOT_YET -> stats.notYet.increment();
        }
        OutcomeRules.Result result = OutcomeRules.Result.valueOf(outcome.name());
        carryOut(p.message(), p.delivery(), facts(result, p.message(), p.delivery(), 0, parking), null, parking);
    }

    /** A NOT_YET parked for the longest park: settled as a NOT_YET that cannot park. */
    void notYet(Message m) {
        Delivery delivery = delivery(m);
        carryOut(m, delivery, facts(OutcomeRules.Result.NOT_YET, m, delivery, 0, null), null, null);
    }

    private OutcomeRules.Facts facts(OutcomeRules.Result result, Message m, Delivery delivery, int failures, Parking parking) {
        boolean notYet = result == OutcomeRules.Result.NOT_YET;
        return new OutcomeRules.Facts(result, delivery.deliveredCount(), failures,
                notYet && parking != null && parking.canPark(m, delivery.streamSequence()),
                notYet && m.metaData().pendingCount() > 0, notYet ? Requeue.count(m) : 0, true);
    }

    /** Carries the rules' action out; {@code parking} null: the message cannot park. */
    private void carryOut(Message m, Delivery delivery, OutcomeRules.Facts facts, String error, Parking parking) {
        OutcomeRules.Action action = OutcomeRules.decide(facts, options, error);
        switch (action.kind()) {
            case ACK -> done(m, delivery);
            case PARK -> {
                stats.parked.increment();
                parking.park(m, delivery.streamSequence());
            }
            case NAK -> {
                stats.naked.increment();
                m.nakWithDelay(action.delay());
            }
            case MOVE_BACK -> {
                if (!requeued(m, delivery)) carryOut(m, delivery, facts.notMovable(), error, parking);
            }
            case DEAD_LETTER -> deadLetter(m, delivery, action.reason());
            case HOLD -> stats.held.increment();
        }
    }

    private void done(Message m, Delivery delivery) {
        m.ack();
        failuresBySequence.remove(delivery.streamSequence());
    }

    private boolean requeued(Message m, Delivery delivery) {
        try {
            requeue.toBack(m, delivery);
            stats.requeued.increment();
            failuresBySequence.remove(delivery.streamSequence());
            return true;
        } catch (Exception e) {
            log.debug("{}: requeue of {} failed, NAKing it: {}", listener.durableName(), delivery.messageId(), e.toString());
            return false;
        }
    }

    private void failed(Pending<E> p, Throwable e) {
        try (CorrelationId.Scope ignored = CorrelationId.open(p.correlationId())) {
            failed(p.message(), p.delivery(), e);
        }
    }

    private void failed(Message m, Delivery delivery, Throwable e) {
        stats.failures.increment();
        int failures = failuresBySequence.merge(delivery.streamSequence(), 1, Integer::sum);
        if (failures >= options.maxFailures()) {
            log.error("{}: {} failed {} times, dead-lettering", listener.durableName(), delivery.messageId(), failures, e);
        } else {
            log.warn("{}: {} failed (failure {} of {}): {}", listener.durableName(), delivery.messageId(), failures,
                    options.maxFailures(), causes(e));
        }
        carryOut(m, delivery, facts(OutcomeRules.Result.FAILED, m, delivery, failures, null), e.toString(), null);
    }

    /** Not the event's fault: its failure budget stays whole, and the worker tries it again (see {@link #handle}). */
    private void dependencyAway(Pending<E> p, Throwable e) {
        stats.infrastructureFailures.increment();
        carryOut(p.message(), p.delivery(), facts(OutcomeRules.Result.DEPENDENCY_AWAY, p.message(), p.delivery(), 0, null), null, null);
        long run = infrastructureRun.incrementAndGet();
        if (run == 1 || run % 100 == 0) {
            log.warn("{}: a dependency is away ({} such failures in a row), {} waits: {}", listener.durableName(), run,
                    p.delivery().messageId(), e.toString());
        }
    }

    /** The exception and its causes, each with its SQLSTATE if it has one: what decided it was not a dependency. */
    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            if (!s.isEmpty()) s.append(" <- ");
            s.append(t);
            if (t instanceof java.sql.SQLException sql) s.append(" [SQLSTATE ").append(sql.getSQLState()).append(']');
        }
        return s.toString();
    }

    /**
     * A message outside the consumer's filter: nats-server 2.9 redelivers a pending sequence by loading whatever
     * the stream holds there now, without the filter, and after the broker lost a stream's tail (or a node came
     * back with a store that differs) a sequence can hold another message than the one delivered. It belongs to
     * another consumer, which delivers it on its own; here it is only acknowledged, so the stale entry goes.
     */
    private void foreign(Message m, Delivery delivery) {
        stats.foreign.increment();
        log.warn("{}: the broker delivered {} (seq {}) of {}, outside this consumer's subject; acknowledged, not handled",
                listener.durableName(), delivery.messageId(), delivery.streamSequence(), m.getSubject());
        carryOut(m, delivery, facts(OutcomeRules.Result.FOREIGN, m, delivery, 0, null), null, null);
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
