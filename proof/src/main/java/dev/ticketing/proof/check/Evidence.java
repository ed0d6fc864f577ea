package dev.ticketing.proof.check;

import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.bus.StreamLookup;
import dev.ticketing.common.events.Partitions;
import dev.ticketing.proof.cluster.Cluster;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a failed prices run leaves to read before its engine goes: for a few tickets whose replica is behind,
 * the owner's outbox rows (sent, at which stream sequence), what the events stream holds at those sequences,
 * and the orders consumers of the ticket's partition (ack floor, delivered, pending).
 */
public final class Evidence {
    private static final int TICKETS = 3;

    private Evidence() {
    }

    public static List<String> of(Cluster cluster) {
        List<String> lines = new ArrayList<>();
        try {
            String tickets = cluster.engine().jdbcUrl("tickets");
            String orders = cluster.engine().jdbcUrl("orders");
            Map<String, Long> owner = versions(tickets);
            Map<String, Long> replica = versions(orders);
            try (Connection nc = Nats.connect(cluster.engine().natsUrl())) {
                JetStreamManagement jsm = nc.jetStreamManagement();
                String stream = EventBusConfig.defaults(cluster.engine().natsUrl(), "evidence").stream();
                StreamInfo info = jsm.getStreamInfo(stream);
                lines.add("evidence: " + stream + " first " + info.getStreamState().getFirstSequence() + " last "
                        + info.getStreamState().getLastSequence() + " messages " + info.getStreamState().getMsgCount());
                int shown = 0;
                for (Map.Entry<String, Long> t : owner.entrySet()) {
                    Long held = replica.get(t.getKey());
                    if (held != null && held.equals(t.getValue())) continue;
                    if (shown++ == TICKETS) break;
                    ticket(lines, tickets, jsm, nc, stream, t.getKey(), t.getValue(), held);
                }
            }
        } catch (Exception e) {
            lines.add("evidence: could not be read: " + e);
        }
        return lines;
    }

    private static void ticket(List<String> lines, String ticketsUrl, JetStreamManagement jsm, Connection nc, String stream,
                               String id, long ownerVersion, Long replicaVersion) throws Exception {
        int partition = Partitions.of(id, Partitions.DEFAULT_COUNT);
        lines.add("evidence: ticket " + id + " (partition " + partition + "): version " + ownerVersion + " in tickets, "
                + replicaVersion + " in orders");
        StreamLookup lookup = StreamLookup.of(nc, stream);
        Db.query(ticketsUrl, "select seq, message_id, created_at, sent_at, stream_seq from outbox where message_id like '%"
                + id + "%' order by seq", rs -> {
            long streamSeq = rs.getLong(5);
            String held;
            try {
                held = rs.wasNull() ? "-" : String.valueOf(lookup.messageIdAt(streamSeq));
            } catch (Exception e) {
                held = "unreadable: " + e.getMessage();
            }
            lines.add("evidence:   outbox " + rs.getLong(1) + " " + rs.getString(2) + " created " + rs.getString(3) + " sent "
                    + rs.getString(4) + " stream seq " + streamSeq + " holds " + held);
        });
        for (String durable : List.of("orders-service_ticket-created_p" + partition, "orders-service_ticket-updated_p" + partition)) {
            try {
                ConsumerInfo c = jsm.getConsumerInfo(stream, durable);
                lines.add("evidence:   consumer " + durable + ": delivered " + c.getDelivered().getStreamSequence()
                        + " ack floor " + c.getAckFloor().getStreamSequence() + " pending " + c.getNumPending()
                        + " ack pending " + c.getNumAckPending() + " redelivered " + c.getRedelivered()
                        + " start " + c.getConsumerConfiguration().getStartSequence() + " created " + c.getCreationTime());
            } catch (Exception e) {
                lines.add("evidence:   consumer " + durable + ": " + e.getMessage());
            }
        }
    }

    private static Map<String, Long> versions(String url) throws Exception {
        Map<String, Long> v = new HashMap<>();
        Db.query(url, "select id::text, version from tickets", rs -> v.put(rs.getString(1), rs.getLong(2)));
        return v;
    }
}
