package dev.ticketing.spring.metrics;

/** Every ticketing meter's name and tag, in one place (Prometheus: dots become underscores, units are suffixed). */
final class MeterNames {
    static final String CONSUMER_TAG = "consumer";

    static final String LISTENER = "ticketing.listener.";
    /** Handler time per message (Timer). */
    static final String LISTENER_APPLY = LISTENER + "apply";
    /** Now minus the broker's stored-at time when a message is applied (Timer with a histogram). */
    static final String LISTENER_LAG = LISTENER + "lag";
    /** Broker: messages not yet delivered to the queue group (gauge). */
    static final String LISTENER_PENDING = LISTENER + "pending";
    /** Broker: messages delivered and not yet acknowledged (gauge). */
    static final String LISTENER_ACK_PENDING = LISTENER + "ack_pending";

    static final String BUS = "ticketing.bus.";
    /** Dead letters and requeued copies published again because the broker lost them after its ack. */
    static final String BUS_COPIES_RESTORED = BUS + "copies_restored";

    static final String OUTBOX = "ticketing.outbox.";
    static final String OUTBOX_PUBLISHED = OUTBOX + "published";
    static final String OUTBOX_FAILED_BATCHES = OUTBOX + "failed_batches";
    /** Rows published again because the broker lost them after its ack (its host crashed before it synced). */
    static final String OUTBOX_REPUBLISHED = OUTBOX + "republished";
    /** Rows not yet published (gauge). */
    static final String OUTBOX_PENDING = OUTBOX + "pending";
    /** Age of the oldest row not yet published, 0 when none (gauge, seconds). */
    static final String OUTBOX_OLDEST_PENDING_AGE = OUTBOX + "oldest_pending_age";
    /** Row creation to broker ack (Timer). */
    static final String OUTBOX_PUBLISH_LATENCY = OUTBOX + "publish_latency";

    private MeterNames() {
    }
}
