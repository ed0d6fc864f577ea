package dev.ticketing.common.outbox;

import dev.ticketing.common.bus.OutgoingMessage;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Adds an event to the outbox on the caller's connection, inside the caller's transaction: the event
 * commits with the record change or not at all. A message id already in the outbox is kept once. The
 * row keeps the event's correlation id (by default the one of the work in hand, see {@link OutgoingMessage#of}).
 */
public final class OutboxWriter {
    static final String INSERT =
            "insert into outbox (message_id, subject, partition_key, payload, correlation_id) values (?, ?, ?, ?, ?)"
                    + " on conflict (message_id) do nothing";

    private OutboxWriter() {
    }

    public static <E extends Event> void add(Connection connection, Subject<E> subject, E event) throws SQLException {
        add(connection, OutgoingMessage.of(subject, event));
    }

    public static void add(Connection connection, OutgoingMessage message) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            ps.setString(1, message.messageId());
            ps.setString(2, message.subjectName());
            ps.setString(3, message.partitionKey());
            ps.setString(4, new String(message.payload(), StandardCharsets.UTF_8));
            ps.setString(5, message.correlationId());
            ps.executeUpdate();
        }
    }
}
