package dev.ticketing.proof.check;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * How far the replicas are behind a moment of the owner: per record, the version (tickets) or the last
 * transaction number (users) the owner had committed then, against what the replica database holds now.
 *
 * @param ownerSql   rows of (record id, version) in the owner's database
 * @param replicaSql rows of (record id, version) in the replicas' database
 */
public record Watermark(String ownerUrl, String ownerSql, String replicaUrl, String replicaSql) {
    /** A ticket's version: tickets in the tickets database against the orders replica's tickets. */
    public static Watermark tickets(String ticketsUrl, String ordersUrl) {
        String sql = "select id::text, version from tickets";
        return new Watermark(ticketsUrl, sql, ordersUrl, sql);
    }

    /** A user's last transaction number: transactions against the accounts replica. */
    public static Watermark transactions(String transactionsUrl, String accountsUrl) {
        return new Watermark(transactionsUrl, "select user_id, max(number) from transactions group by user_id",
                accountsUrl, "select user_id, last_transaction_number from accounts");
    }

    /** The owner's records and versions now. */
    public Map<String, Long> owner() throws SQLException {
        return load(ownerUrl, ownerSql);
    }

    /** Records of {@code mark} whose replica is missing or holds an older version than the mark. */
    public int behind(Map<String, Long> mark) throws SQLException {
        Map<String, Long> replica = load(replicaUrl, replicaSql);
        int behind = 0;
        for (Map.Entry<String, Long> e : mark.entrySet()) {
            Long held = replica.get(e.getKey());
            if (held == null || held < e.getValue()) behind++;
        }
        return behind;
    }

    private static Map<String, Long> load(String url, String sql) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        Db.query(url, sql, rs -> rows.put(rs.getString(1), rs.getLong(2)));
        return rows;
    }
}
