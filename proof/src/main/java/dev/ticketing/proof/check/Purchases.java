package dev.ticketing.proof.check;

import dev.ticketing.common.testing.TestEngine;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The purchase scenario's invariants, across tickets, orders and payments: the reservation check, the
 * payments replica of orders, and the money: no complete order has a released ticket, no payment stands
 * without its complete order unless refunded, no order is charged twice, no charge is without its payment.
 */
public record Purchases(Reservations reservations, int orders, int replicaMissing, int replicaDivergent,
                        int completeReleased, int standingWithoutOrder, int chargedTwice, int chargedWithoutPayment,
                        int complete, int refunded, List<String> samples) implements Verdict {
    private static final String ORDERS_SQL = "select id::text, status, version, ticket_id::text, payment_id::text from orders";
    private static final String REPLICA_SQL = "select id::text, status, version, null, null from orders";
    private static final String PAYMENTS_SQL = "select order_id::text, id::text, status from payments";
    /** Successful charges per order (keys order-<uuid> or order-<uuid>-<n>), with a refund or not. */
    private static final String CHARGES_SQL = "select substring(c.idempotency_key from 7 for 36), count(*), count(r.id) "
            + "from local_gateway_charge c left join local_gateway_refund r on r.charge_id = c.id "
            + "where c.decline_message is null group by 1";

    private record Order(String status, long version, String ticketId, String paymentId) {
    }

    private record Payment(String id, String status) {
    }

    @Override
    public int records() {
        return reservations.records();
    }

    @Override
    public int missing() {
        return reservations.missing() + replicaMissing;
    }

    @Override
    public int divergent() {
        return reservations.divergent() + replicaDivergent + completeReleased + standingWithoutOrder + chargedTwice
                + chargedWithoutPayment;
    }

    @Override
    public List<Lag> lags() {
        return reservations.lags();
    }

    @Override
    public List<String> lines() {
        List<String> lines = new ArrayList<>(reservations.lines());
        lines.add(String.format("purchases: orders=%d complete=%d refunded=%d; payments replica missing=%d divergent=%d",
                orders, complete, refunded, replicaMissing, replicaDivergent));
        lines.add(String.format("money: complete with released ticket=%d, payment without complete order=%d, "
                + "charged twice=%d, charged without payment=%d", completeReleased, standingWithoutOrder, chargedTwice,
                chargedWithoutPayment));
        samples.forEach(s -> lines.add("  " + s));
        return lines;
    }

    public static Purchases of(TestEngine engine) throws SQLException {
        String tickets = engine.jdbcUrl("tickets");
        String ordersDb = engine.jdbcUrl("orders");
        String paymentsDb = engine.jdbcUrl("payments");
        Map<String, Order> orders = orders(ordersDb, ORDERS_SQL);
        Map<String, Order> replica = orders(paymentsDb, REPLICA_SQL);
        Map<String, String> holders = new HashMap<>();
        Db.query(tickets, "select id::text, order_id from tickets", rs -> holders.put(rs.getString(1), rs.getString(2)));
        Map<String, Payment> payments = new HashMap<>();
        Db.query(paymentsDb, PAYMENTS_SQL, rs -> payments.put(rs.getString(1), new Payment(rs.getString(2), rs.getString(3))));
        List<String> samples = new ArrayList<>();
        int replicaMissing = 0, replicaDivergent = 0, completeReleased = 0, complete = 0;
        for (Map.Entry<String, Order> e : orders.entrySet()) {
            String id = e.getKey();
            Order o = e.getValue(), r = replica.get(id);
            if (r == null) {
                replicaMissing++;
                sample(samples, "order " + id + " missing in the payments replica");
            } else if (r.version() != o.version() || !r.status().equals(o.status())) {
                replicaDivergent++;
                sample(samples, "order " + id + " " + r.status() + "@" + r.version() + " in payments, " + o.status() + "@" + o.version() + " in orders");
            }
            if (o.status().equals("complete")) {
                complete++;
                if (!id.equals(holders.get(o.ticketId()))) {
                    completeReleased++;
                    sample(samples, "complete order " + id + " but its ticket is held by " + holders.get(o.ticketId()));
                }
            }
        }
        int standing = 0, refunded = 0;
        for (Map.Entry<String, Payment> p : payments.entrySet()) {
            Order o = orders.get(p.getKey());
            if (p.getValue().status().equals("refunded")) {
                refunded++;
            } else if (o == null || !o.status().equals("complete") || !Objects.equals(o.paymentId(), p.getValue().id())) {
                standing++;
                sample(samples, "payment " + p.getValue().id() + " stands, order " + p.getKey() + " is " + (o == null ? "unknown" : o.status()));
            }
        }
        int[] twice = {0}, withoutPayment = {0};
        Db.query(paymentsDb, CHARGES_SQL, rs -> {
            String order = rs.getString(1);
            long charges = rs.getLong(2), refunds = rs.getLong(3);
            if (charges > 1) {
                twice[0]++;
                sample(samples, "order " + order + " charged " + charges + " times");
            }
            if (!payments.containsKey(order) && refunds < charges) {
                withoutPayment[0]++;
                sample(samples, "order " + order + " charged but has no payment and no refund");
            }
        });
        return new Purchases(Reservations.of(tickets, ordersDb), orders.size(), replicaMissing, replicaDivergent,
                completeReleased, standing, twice[0], withoutPayment[0], complete, refunded, samples);
    }

    private static Map<String, Order> orders(String url, String sql) throws SQLException {
        Map<String, Order> rows = new HashMap<>();
        Db.query(url, sql, rs -> rows.put(rs.getString(1),
                new Order(rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5))));
        return rows;
    }

    private static void sample(List<String> samples, String line) {
        if (samples.size() < 8) samples.add(line);
    }
}
