package dev.ticketing.orders.replica;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.SourcedTicketEvent;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.common.ordering.Version;
import dev.ticketing.common.ordering.VersionRule;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies ticket events to the replica, each in one transaction, in version order only. The rule is the
 * subject's: the tickets service's {@code ticket:updated} is applied at version + 1
 * ({@link #OWNER_RULE}); a source's {@code <source>:ticket} at any newer version ({@link #SOURCE_RULE}).
 */
@Service
public class TicketReplication {
    /** The tickets service bumps a ticket's version by one per change, under OCC. */
    public static final VersionRule OWNER_RULE = VersionRule.NEXT_VERSION;
    /** A source outside the system only promises growing versions (100, 200, 300 or instants). */
    public static final VersionRule SOURCE_RULE = VersionRule.ANY_NEWER;

    private final TicketReplicaRepository replicas;

    public TicketReplication(TicketReplicaRepository replicas) {
        this.replicas = replicas;
    }

    @Transactional
    public Outcome created(TicketCreatedEvent e) {
        TicketReplica replica = new TicketReplica(UUID.fromString(e.id()), e.title(), e.price(), e.version());
        if (replicas.insert(replica)) return Outcome.APPLIED;
        replicas.lockVersion(replica.id()).ifPresent(stored -> requireSource(stored, TicketReplicaRepository.TICKETS, replica.id()));
        return Outcome.DUPLICATE;
    }

    /** Usually one statement: the write over the version the rule names; only a refused write reads the row. */
    @Transactional
    public Outcome updated(TicketUpdatedEvent e) {
        UUID id = UUID.fromString(e.id());
        TicketReplica state = new TicketReplica(id, e.title(), e.price(), e.version());
        long over = OWNER_RULE.appliesOver(e.version()).orElseThrow();
        if (replicas.update(state, over, TicketReplicaRepository.TICKETS)) return Outcome.APPLIED;
        StoredVersion stored = replicas.lockVersion(id).orElse(null);
        if (stored != null) requireSource(stored, TicketReplicaRepository.TICKETS, id);
        Outcome outcome = OWNER_RULE.decide(stored == null ? null : stored.version(), e.version());
        apply(outcome, state, stored);
        return outcome;
    }

    /**
     * A source's ticket, whole: the first version that arrives creates it (a source's events are
     * snapshots, so no create must come first), a newer one replaces it, an older or equal one is a
     * duplicate.
     */
    @Transactional
    public Outcome sourced(String source, SourcedTicketEvent e) {
        UUID id = UUID.fromString(e.id());
        Version incoming = e.sourceVersion();
        TicketReplica state = new TicketReplica(id, e.title(), e.price(), incoming.position());
        StoredVersion stored = replicas.lockVersion(id).orElse(null);
        if (stored == null) {
            if (replicas.insert(state, source)) return Outcome.APPLIED;
            throw new IllegalStateException("ticket " + id + " was inserted by someone else meanwhile; trying again");
        }
        requireSource(stored, source, id);
        Outcome outcome = SOURCE_RULE.decide(new Version(incoming.kind(), stored.version()), incoming);
        apply(outcome, state, stored);
        return outcome;
    }

    private void apply(Outcome outcome, TicketReplica state, StoredVersion stored) {
        if (outcome == Outcome.APPLIED && !replicas.update(state, stored.version(), stored.source())) {
            throw new IllegalStateException("ticket " + state.id() + " changed under its row lock");
        }
    }

    /** Versions of two sources do not compare: an event for a ticket that follows another source is refused. */
    private static void requireSource(StoredVersion stored, String source, UUID id) {
        if (!stored.source().equals(source)) {
            throw new IllegalStateException("ticket " + id + " follows source '" + stored.source() + "', not '" + source + "'");
        }
    }
}
