package dev.ticketing.transactions.store;

import java.math.BigDecimal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The per-user counter rows. {@link #advance} takes the user's row lock until the caller's transaction
 * ends: the same user's requests queue behind it, other users' rows are not touched.
 */
@Repository
public class UserCounters {
    private static final String ADVANCE = """
            insert into user_counters as c (user_id, last_number, balance) values (?, 1, ?)
            on conflict (user_id) do update
                set last_number = c.last_number + 1, balance = c.balance + excluded.balance
            returning last_number, balance""";

    private final JdbcTemplate jdbc;

    public UserCounters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Hands out the user's next number and applies the balance change, atomically (the first call for a
     * user creates the row with number 1). Rolling the transaction back gives the number back.
     */
    public UserCounter advance(String userId, BigDecimal balanceChange) {
        return jdbc.queryForObject(ADVANCE, (rs, row) -> new UserCounter(rs.getLong("last_number"),
                rs.getBigDecimal("balance")), userId, balanceChange);
    }
}
