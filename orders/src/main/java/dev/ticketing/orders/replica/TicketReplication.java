package dev.ticketing.orders.replica;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.common.ordering.VersionRule;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies ticket events to the replica, each in one transaction, in version order only. */
@Service
public class TicketReplication {
    private final TicketReplicaRepository replicas;
    private final VersionRule rule;

    public TicketReplication(TicketReplicaRepository replicas, @Value("${orders.replica.version-mode:next}") String mode) {
        this.replicas = replicas;
        this.rule = switch (mode) {
            case "next" -> VersionRule.NEXT_VERSION;
            case "any-newer" -> VersionRule.ANY_NEWER;
            default -> throw new IllegalArgumentException("orders.replica.version-mode must be next or any-newer, not " + mode);
        };
    }

    @Transactional
    public Outcome created(TicketCreatedEvent e) {
        TicketReplica replica = new TicketReplica(UUID.fromString(e.id()), e.title(), e.price(), e.version());
        return Outcome.appliedIf(replicas.insert(replica));
    }

    @Transactional
    public Outcome updated(TicketUpdatedEvent e) {
        UUID id = UUID.fromString(e.id());
        Long stored = replicas.lockVersion(id).orElse(null);
        Outcome outcome = rule.decide(stored, e.version());
        if (outcome == Outcome.APPLIED && !replicas.update(new TicketReplica(id, e.title(), e.price(), e.version()), stored)) {
            throw new IllegalStateException("ticket " + id + " changed under its row lock");
        }
        return outcome;
    }
}
