package dev.ticketing.tickets.store;

import dev.ticketing.common.paging.Page;
import dev.ticketing.common.paging.PageCursor;
import dev.ticketing.common.paging.PageRequest;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Tickets in PostgreSQL. Every save is optimistic: it applies only over the version that was read. */
@Repository
public class TicketRepository {
    private static final String COLUMNS = "id, title, price, user_id, order_id, version";
    private final JdbcTemplate jdbc;

    public TicketRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Ticket insert(Ticket t) {
        jdbc.update("insert into tickets (id, title, price, user_id, order_id, version) values (?, ?, ?, ?, ?, ?)",
                t.id(), t.title(), t.price(), t.userId(), t.orderId(), t.version());
        return t;
    }

    public Optional<Ticket> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from tickets where id = ?", TicketRepository::map, id)
                .stream().findFirst();
    }

    /** Reads and locks the row until the transaction ends: listeners serialize their changes with it. */
    public Optional<Ticket> findForUpdate(UUID id) {
        return jdbc.query("select " + COLUMNS + " from tickets where id = ? for update", TicketRepository::map, id)
                .stream().findFirst();
    }

    /** Tickets not reserved by an order, newest first. */
    public Page<Ticket> findAvailable(PageRequest page) {
        PageCursor after = page.after();
        String where = after == null ? "" : " and (created_at, id) < (?, ?)";
        Object[] args = after == null ? new Object[] {page.fetchSize()}
                : new Object[] {OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC), after.id(), page.fetchSize()};
        List<Page.Row<Ticket>> rows = jdbc.query("select " + COLUMNS + ", created_at from tickets where order_id is null" + where
                + " order by created_at desc, id desc limit ?", (rs, n) -> new Page.Row<>(map(rs, n), cursor(rs)), args);
        return Page.of(rows, page);
    }

    /**
     * Saves the changed ticket over the version it was read at and returns it with the next version.
     *
     * @throws StaleVersionException when the stored version is no longer the one read
     */
    public Ticket save(Ticket changed) {
        int rows = jdbc.update("update tickets set title = ?, price = ?, order_id = ?, version = version + 1, updated_at = clock_timestamp() "
                        + "where id = ? and version = ?",
                changed.title(), changed.price(), changed.orderId(), changed.id(), changed.version());
        if (rows != 1) throw new StaleVersionException(changed.id(), changed.version());
        return new Ticket(changed.id(), changed.title(), changed.price(), changed.userId(), changed.orderId(),
                changed.version() + 1);
    }

    /**
     * The owner's edit in one statement: the new title and price over a ticket this user owns, not reserved,
     * at {@code versionRead} when given; returns it with the next version, or empty when any of that fails.
     */
    public Optional<Ticket> updateDetails(UUID id, String userId, Long versionRead, String title, BigDecimal price) {
        return jdbc.query("update tickets set title = ?, price = ?, version = version + 1, updated_at = clock_timestamp() "
                        + "where id = ? and user_id = ? and order_id is null and version = coalesce(?, version) "
                        + "returning " + COLUMNS, TicketRepository::map, title, price, id, userId, versionRead)
                .stream().findFirst();
    }

    /** Remembers a cancelled order, once: a late order:created for it must not reserve. */
    public void rememberCancelled(String orderId, UUID ticketId) {
        jdbc.update("insert into cancelled_orders (order_id, ticket_id) values (?, ?) on conflict do nothing", orderId, ticketId);
    }

    public boolean isCancelled(String orderId) {
        return !jdbc.queryForList("select 1 from cancelled_orders where order_id = ?", Integer.class, orderId).isEmpty();
    }

    private static PageCursor cursor(ResultSet rs) throws SQLException {
        return new PageCursor(rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("id", UUID.class));
    }

    private static Ticket map(ResultSet rs, int row) throws SQLException {
        return new Ticket(rs.getObject("id", UUID.class), rs.getString("title"), rs.getBigDecimal("price"),
                rs.getString("user_id"), rs.getString("order_id"), rs.getLong("version"));
    }
}
