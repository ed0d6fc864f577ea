package dev.ticketing.transactions.store;

import dev.ticketing.common.events.TransactionCreatedEvent.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Transactions in PostgreSQL; (user_id, number) is unique, so a number is never handed out twice. */
@Repository
public class TransactionRepository {
    private final JdbcTemplate jdbc;

    public TransactionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Transaction insert(Transaction t) {
        jdbc.update("insert into transactions (id, user_id, type, amount, number) values (?, ?, ?, ?, ?)",
                t.id(), t.userId(), t.type().text(), t.amount(), t.number());
        return t;
    }

    public List<Transaction> findByUser(String userId) {
        return jdbc.query("select id, user_id, type, amount, number from transactions where user_id = ? order by number",
                TransactionRepository::map, userId);
    }

    private static Transaction map(ResultSet rs, int row) throws SQLException {
        return new Transaction(rs.getObject("id", UUID.class), rs.getString("user_id"),
                Type.fromText(rs.getString("type")), rs.getBigDecimal("amount"),
                rs.getLong("number"));
    }
}
