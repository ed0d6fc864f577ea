package dev.ticketing.proof.check;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ticket replica comparison plus: does each ticket's orderId in tickets name the order that holds it
 * in orders (or none in both)?
 */
public record Reservations(Comparison replica, int reserved, int mismatched, List<String> samples) implements Verdict {
    @Override
    public int records() {
        return replica.records();
    }

    @Override
    public int missing() {
        return replica.missing();
    }

    @Override
    public int divergent() {
        return replica.divergent() + mismatched;
    }

    @Override
    public List<Lag> lags() {
        return replica.lags();
    }

    @Override
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>(replica.lines());
        lines.add(String.format("reservations: %d tickets held by an order, %d disagree between tickets and orders",
                reserved, mismatched));
        samples.forEach(s -> lines.add("  " + s));
        return lines;
    }

    public static Reservations of(String ticketsJdbcUrl, String ordersJdbcUrl) throws SQLException {
        Map<String, String> owner = load(ticketsJdbcUrl, "select id::text, order_id from tickets");
        Map<String, String> active = load(ordersJdbcUrl, "select ticket_id::text, id::text from orders where status <> 'cancelled'");
        int mismatched = 0;
        List<String> samples = new java.util.ArrayList<>();
        for (Map.Entry<String, String> t : owner.entrySet()) {
            String holder = active.get(t.getKey());
            if (!Objects.equals(t.getValue(), holder)) {
                mismatched++;
                if (samples.size() < 5) samples.add(t.getKey() + " reserved by " + t.getValue() + " in tickets, " + holder + " in orders");
            }
        }
        return new Reservations(Comparison.of(ticketsJdbcUrl, ordersJdbcUrl), active.size(), mismatched, samples);
    }

    private static Map<String, String> load(String url, String sql) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        Db.query(url, sql, rs -> rows.put(rs.getString(1), rs.getString(2)));
        return rows;
    }
}
