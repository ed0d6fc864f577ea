package dev.ticketing.proof.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tickets database against the orders replica, record by record. Both databases live in one
 * PostgreSQL cluster, so their clocks are the same clock and the write times give the replication lag.
 */
public record Comparison(int tickets, int missing, int extra, int wrongVersion, int wrongData, List<Lag> lags,
                         List<String> samples) implements Verdict {
    static final String OWNER_SQL = "select id::text, title, price, version, order_id, "
            + "extract(epoch from updated_at) * 1000 from tickets";
    static final String REPLICA_SQL = "select id::text, title, price, version, null, "
            + "extract(epoch from applied_at) * 1000 from tickets";

    @Override
    public int records() {
        return tickets;
    }

    /** A replica row the owner does not have counts as divergent too. */
    @Override
    public int divergent() {
        return wrongVersion + wrongData + extra;
    }

    @Override
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("compare: tickets=%d missing=%d extra=%d wrong_version=%d wrong_data=%d",
                tickets, missing, extra, wrongVersion, wrongData));
        samples.forEach(s -> lines.add("  " + s));
        return lines;
    }

    public static Comparison of(String ticketsJdbcUrl, String ordersJdbcUrl) throws SQLException {
        Map<String, TicketRow> owner = load(ticketsJdbcUrl, OWNER_SQL);
        Map<String, TicketRow> replica = load(ordersJdbcUrl, REPLICA_SQL);
        int missing = 0, wrongVersion = 0, wrongData = 0;
        List<Lag> lags = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        for (TicketRow t : owner.values()) {
            TicketRow r = replica.get(t.id());
            if (r == null) {
                missing++;
                sample(samples, "missing " + t.id());
            } else if (r.version() != t.version()) {
                wrongVersion++;
                sample(samples, t.id() + " version " + r.version() + " in the replica, " + t.version() + " in tickets");
            } else if (!r.sameData(t)) {
                wrongData++;
                sample(samples, t.id() + " data " + r + " in the replica, " + t + " in tickets");
            } else {
                lags.add(new Lag(t.writtenAtMillis(), Math.max(0, r.writtenAtMillis() - t.writtenAtMillis())));
            }
        }
        int extra = (int) replica.keySet().stream().filter(id -> !owner.containsKey(id)).count();
        return new Comparison(owner.size(), missing, extra, wrongVersion, wrongData, lags, samples);
    }

    private static void sample(List<String> samples, String s) {
        if (samples.size() < 5) samples.add(s);
    }

    private static Map<String, TicketRow> load(String url, String sql) throws SQLException {
        Map<String, TicketRow> rows = new HashMap<>();
        Db.query(url, sql, rs -> rows.put(rs.getString(1), new TicketRow(rs.getString(1), rs.getString(2),
                rs.getBigDecimal(3), rs.getLong(4), rs.getString(5), rs.getDouble(6))));
        return rows;
    }
}
