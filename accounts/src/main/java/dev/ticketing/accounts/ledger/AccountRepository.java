package dev.ticketing.accounts.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Accounts in PostgreSQL, one row per user. */
@Repository
public class AccountRepository {
    private static final String COLUMNS = "user_id, balance, last_transaction_number";
    private final JdbcTemplate jdbc;

    public AccountRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(String userId) {
        return jdbc.query("select " + COLUMNS + " from accounts where user_id = ?", AccountRepository::map, userId)
                .stream().findFirst();
    }

    /**
     * Reads the user's account and locks it until the transaction ends. An absent account is created
     * first (balance 0, last number 0): "for update" on a missing row locks nothing, and two replicas
     * handling copies of transaction 1 would each see it absent and the later write could overwrite
     * newer numbers.
     */
    public Account lock(String userId) {
        jdbc.update("insert into accounts (user_id) values (?) on conflict (user_id) do nothing", userId);
        return jdbc.queryForObject("select " + COLUMNS + " from accounts where user_id = ? for update",
                AccountRepository::map, userId);
    }

    /** Writes a changed account; the caller holds its lock. */
    public void save(Account a) {
        jdbc.update("update accounts set balance = ?, last_transaction_number = ?, updated_at = clock_timestamp() "
                + "where user_id = ?", a.balance(), a.lastTransactionNumber(), a.userId());
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("user_id"), rs.getBigDecimal("balance"), rs.getLong("last_transaction_number"));
    }
}
