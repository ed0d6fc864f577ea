package dev.ticketing.payments.replica;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCompletedEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.ordering.VersionRule;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies order events to the replica, each in one transaction, in version order only. */
@Service
public class OrderReplication {
    private static final VersionRule RULE = VersionRule.NEXT_VERSION;
    private final OrderReplicaRepository replicas;

    public OrderReplication(OrderReplicaRepository replicas) {
        this.replicas = replicas;
    }

    @Transactional
    public Outcome created(OrderCreatedEvent e) {
        return Outcome.appliedIf(replicas.insert(new OrderReplica(UUID.fromString(e.id()), e.userId(), e.status(), e.expiresAt(),
                e.ticket().price(), e.version())));
    }

    @Transactional
    public Outcome cancelled(OrderCancelledEvent e) {
        return changeStatus(UUID.fromString(e.id()), e.version(), OrderStatus.CANCELLED);
    }

    @Transactional
    public Outcome completed(OrderCompletedEvent e) {
        return changeStatus(UUID.fromString(e.id()), e.version(), OrderStatus.COMPLETE);
    }

    /** Usually one statement: the write over the version the rule names; only a refused write reads the row. */
    private Outcome changeStatus(UUID id, long version, OrderStatus status) {
        if (replicas.update(id, status, version, RULE.appliesOver(version).orElseThrow())) return Outcome.APPLIED;
        Long stored = replicas.lockVersion(id).orElse(null);
        Outcome outcome = RULE.decide(stored, version);
        if (outcome == Outcome.APPLIED && !replicas.update(id, status, version, stored)) {
            throw new IllegalStateException("order " + id + " changed under its row lock");
        }
        return outcome;
    }
}
