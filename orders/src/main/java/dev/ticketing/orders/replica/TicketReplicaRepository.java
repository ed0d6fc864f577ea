package dev.ticketing.orders.replica;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class TicketReplicaRepository {
    /** The source of the tickets this system owns (the tickets service). */
    static final String TICKETS = "tickets";

    private final JdbcTemplate jdbc;

    public TicketReplicaRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TicketReplica> find(UUID id) {
        return jdbc.query("select id, title, price, version from tickets where id = ?",
                (rs, n) -> new TicketReplica(rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3), rs.getLong(4)),
                id).stream().findFirst();
    }

    /** The stored version and source, locking the row until the transaction ends; empty when not replicated yet. */
    Optional<StoredVersion> lockVersion(UUID id) {
        return jdbc.query("select source, version from tickets where id = ? for update",
                (rs, n) -> new StoredVersion(rs.getString(1), rs.getLong(2)), id).stream().findFirst();
    }

    /** Inserts a ticket of the tickets service unless present; true when inserted. */
    public boolean insert(TicketReplica t) {
        return insert(t, TICKETS);
    }

    /** Inserts a ticket that follows that source unless present; true when inserted. */
    boolean insert(TicketReplica t, String source) {
        return jdbc.update("insert into tickets (id, title, price, version, source) values (?, ?, ?, ?, ?) "
                + "on conflict (id) do nothing", t.id(), t.title(), t.price(), t.version(), source) == 1;
    }

    /** Writes the event's state over that version of a ticket that follows that source; false when it is not so. */
    boolean update(TicketReplica t, long expectedVersion, String source) {
        return jdbc.update("update tickets set title = ?, price = ?, version = ?, applied_at = clock_timestamp() "
                + "where id = ? and version = ? and source = ?", t.title(), t.price(), t.version(), t.id(),
                expectedVersion, source) == 1;
    }
}
