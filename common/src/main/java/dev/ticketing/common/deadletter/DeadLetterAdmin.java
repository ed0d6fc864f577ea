package dev.ticketing.common.deadletter;

import dev.ticketing.common.bus.Buckets;
import dev.ticketing.common.bus.DeadLetters;
import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.bus.StreamLookup;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.PublishOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamState;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lists, shows and replays dead letters. A replay publishes the original event again on its original
 * subject, under the message id {@code replay/<dead letter's message id>}: the broker drops a second
 * replay within its duplicate window, and every handler already treats an event it has applied as a
 * duplicate, so replaying twice applies once. A replayed dead letter stays in the stream and is marked in
 * the key-value bucket {@code <dead-letter stream>_REPLAYED} under its sequence, with its message id: after a
 * crash of the broker's host the stream hands out lost sequences again, and a mark counts only for the dead
 * letter it was made for.
 */
public final class DeadLetterAdmin {
    /** The most dead letters one listing reads. */
    static final int MAX_LISTED = 10_000;
    private final Connection connection;
    private final EventBusConfig config;
    private final JetStreamManagement jsm;
    private final KeyValue replays;

    public DeadLetterAdmin(Connection connection, EventBusConfig config) throws IOException, JetStreamApiException {
        this.connection = connection;
        this.config = config;
        this.jsm = connection.jetStreamManagement();
        this.replays = Buckets.ensure(connection, KeyValueConfiguration.builder().name(config.deadLetterStream() + "_REPLAYED")
                .storageType(StorageType.File).replicas(config.replicas()).build());
    }

    /** Dead letters per consumer: how many, and how many of them were replayed. */
    public record Count(long total, long replayed) {
    }

    public Map<String, Count> counts() throws IOException, JetStreamApiException {
        Map<String, Count> counts = new TreeMap<>();
        for (DeadLetter d : all()) {
            counts.merge(d.consumer(), new Count(1, d.replayed() ? 1 : 0),
                    (a, b) -> new Count(a.total() + b.total(), a.replayed() + b.replayed()));
        }
        return counts;
    }

    /** Every dead letter of one consumer (or of all, when consumer is null), oldest first. */
    public List<DeadLetter> list(String consumer) throws IOException, JetStreamApiException {
        return all().stream().filter(d -> consumer == null || d.consumer().equals(consumer)).toList();
    }

    public Optional<DeadLetter> show(long sequence) throws IOException, JetStreamApiException {
        try {
            return Optional.of(read(jsm.getMessage(config.deadLetterStream(), sequence)));
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) return Optional.empty();
            throw e;
        }
    }

    /** Replays one dead letter; the answer is the dead letter as it is now (marked replayed). */
    public Optional<DeadLetter> replay(long sequence) throws IOException, JetStreamApiException {
        Optional<DeadLetter> found = show(sequence);
        if (found.isEmpty()) return found;
        DeadLetter d = found.get();
        MessageInfo original = jsm.getMessage(config.deadLetterStream(), sequence);
        String id = messageId(original);
        PublishAck ack = connection.jetStream().publish(d.originalSubject(),
                CorrelationId.copy(original.getHeaders(), new Headers()), original.getData(),
                PublishOptions.builder().messageId("replay/" + id).expectedStream(config.stream()).build());
        if (!d.replayed()) replays.put(Long.toString(sequence), Instant.now() + " " + ack.getSeqno() + " " + id);
        return show(sequence);
    }

    /** Replays every dead letter of the consumer not replayed yet; the answer is those replayed now. */
    public List<DeadLetter> replayAll(String consumer) throws IOException, JetStreamApiException {
        List<DeadLetter> replayed = new ArrayList<>();
        for (DeadLetter d : list(consumer)) {
            if (!d.replayed()) replay(d.sequence()).ifPresent(replayed::add);
        }
        return replayed;
    }

    private List<DeadLetter> all() throws IOException, JetStreamApiException {
        StreamState state;
        try {
            state = jsm.getStreamInfo(config.deadLetterStream()).getStreamState();
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) return List.of(); // nothing was ever dead-lettered
            throw e;
        }
        if (state.getMsgCount() == 0) return List.of(); // the stream exists, empty: sequence 0 is no message
        List<DeadLetter> all = new ArrayList<>();
        for (long seq = state.getFirstSequence(); seq <= state.getLastSequence() && all.size() < MAX_LISTED; seq++) {
            show(seq).ifPresent(all::add);
        }
        return all;
    }

    private DeadLetter read(MessageInfo m) throws IOException, JetStreamApiException {
        Headers h = m.getHeaders();
        String consumer = m.getSubject().substring(config.deadLetterPrefix().length() + 1);
        return new DeadLetter(m.getSeq(), consumer, h.getFirst(DeadLetters.ORIGINAL_SUBJECT),
                number(h.getFirst(DeadLetters.ORIGINAL_SEQUENCE)), number(h.getFirst(DeadLetters.DELIVERIES)),
                h.getFirst(DeadLetters.ERROR), m.getTime().toInstant(),
                new String(m.getData(), StandardCharsets.UTF_8), replayedAt(m.getSeq(), messageId(m)));
    }

    /** When the dead letter with this id was replayed: a mark under its sequence made for another one does not count. */
    private Instant replayedAt(long sequence, String messageId) throws IOException, JetStreamApiException {
        KeyValueEntry e = replays.get(Long.toString(sequence));
        if (e == null || e.getValue() == null) return null;
        String[] mark = e.getValueAsString().split(" ", 3); // time, sequence of the replay, dead letter's id
        return mark.length == 3 && mark[2].equals(messageId) ? Instant.parse(mark[0]) : null;
    }

    /** The dead letter's message id (every dead letter has one, see {@link DeadLetters}). */
    private static String messageId(MessageInfo m) {
        return m.getHeaders().getFirst(StreamLookup.MESSAGE_ID_HEADER);
    }

    private static long number(String header) {
        return header == null ? 0 : Long.parseLong(header);
    }
}
