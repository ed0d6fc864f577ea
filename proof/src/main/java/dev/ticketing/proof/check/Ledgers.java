package dev.ticketing.proof.check;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounting check: every user's balance in accounts equals the sum of their transactions, and
 * their last applied number equals their number of transactions (numbers 1..n without holes).
 */
public record Ledgers(int records, int missing, int divergent, int holes, List<Lag> lags, List<String> samples)
        implements Verdict {
    private record Owned(BigDecimal sum, long count, long maxNumber, double lastAtMillis) {
    }

    private record Applied(BigDecimal balance, long last, double atMillis) {
    }

    public static Ledgers of(String transactionsUrl, String accountsUrl) throws SQLException {
        Map<String, Owned> owned = new HashMap<>();
        Db.query(transactionsUrl, "select user_id, sum(case when type = 'deposit' then amount else -amount end), count(*), "
                + "max(number), extract(epoch from max(created_at)) * 1000 from transactions group by user_id",
                rs -> owned.put(rs.getString(1), new Owned(rs.getBigDecimal(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5))));
        Map<String, Applied> applied = new HashMap<>();
        Db.query(accountsUrl, "select user_id, balance, last_transaction_number, extract(epoch from updated_at) * 1000 from accounts",
                rs -> applied.put(rs.getString(1), new Applied(rs.getBigDecimal(2), rs.getLong(3), rs.getDouble(4))));
        int missing = 0, divergent = 0, holes = 0;
        List<Lag> lags = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        for (Map.Entry<String, Owned> e : owned.entrySet()) {
            Owned o = e.getValue();
            Applied a = applied.get(e.getKey());
            if (o.maxNumber() != o.count()) holes++;
            if (a == null) {
                missing++;
            } else if (a.last() != o.count() || a.balance().compareTo(o.sum()) != 0) {
                divergent++;
                if (samples.size() < 5) samples.add(e.getKey() + ": accounts " + a + ", transactions " + o);
            } else {
                lags.add(new Lag(o.lastAtMillis(), Math.max(0, a.atMillis() - o.lastAtMillis())));
            }
        }
        return new Ledgers(owned.size(), missing, divergent + holes, holes, lags, samples);
    }

    @Override
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("compare: users=%d missing=%d wrong_balance_or_number=%d numbering_holes=%d",
                records, missing, divergent - holes, holes));
        samples.forEach(s -> lines.add("  " + s));
        return lines;
    }
}
