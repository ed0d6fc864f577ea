package dev.ticketing.common.bus;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts back a durable consumer whose stored position is past the end of its stream.
 *
 * <p>nats-server 2.9.10 acknowledges a publish once it is written to the OS; the stream's files are fsynced
 * every 2 minutes and the consumers' state ({@code o.dat}) never. A crash of the broker's host can therefore
 * bring a stream back without its last messages while a consumer's state, written at another moment, says it
 * delivered (and saw acked) some of them. The broker does not compare the two: the consumer resumes after its
 * stored delivered sequence, the next messages published are stored under the lost sequence numbers again,
 * and the consumer never delivers them, without a sign (its pending count is 0). Measured in
 * {@code LostBrokerTailTest}; in the source, {@code consumer.applyState} sets the next sequence from the stored
 * state with no bound, while only a newly created consumer is bounded by the stream's last sequence
 * ({@code selectStartingSeqNo}).
 *
 * <p>The repair re-creates such a consumer, same configuration, starting after {@code min(ack floor, stream's
 * last sequence)}: nothing the stream holds beyond what the consumer saw acknowledged is skipped; what was
 * delivered but not acknowledged before the crash comes again (the handlers are idempotent). A consumer's
 * start cannot be changed in place, hence delete and create; replicas pulling from it meanwhile get "consumer
 * deleted", and their pulls are re-issued to the new consumer of the same name.
 *
 * <p>The stream's last sequence is the one it came back with only until something is published: a message
 * published before the check takes a lost sequence number, and the repair would start after it (or, once the
 * stream has grown past the consumer's position, not see the loss at all). So the check comes before any
 * publish of this process to the stream, at start-up and after each reconnection ({@link EventBus} holds its
 * publishes until then), and covers every durable consumer of the stream, not only this process's: every
 * publisher of the system is such a process, so the first publish after the broker's return follows a complete
 * check. The consumers are read before the stream, so a message published and delivered between the two reads
 * is never taken for a loss.
 */
final class ConsumerRewind {
    private static final Logger log = LoggerFactory.getLogger(ConsumerRewind.class);

    private final JetStreamManagement jsm;
    private final String stream;

    ConsumerRewind(JetStreamManagement jsm, String stream) {
        this.jsm = jsm;
        this.stream = stream;
    }

    /** Re-creates the stream's durable consumers whose delivered position is past its end; the answer is their names. */
    List<String> rewindPastEnd() throws IOException, JetStreamApiException {
        List<ConsumerInfo> seen = jsm.getConsumers(stream);
        if (seen.isEmpty()) return List.of();
        long last = jsm.getStreamInfo(stream).getStreamState().getLastSequence();
        List<String> rewound = new ArrayList<>();
        for (ConsumerInfo info : seen) {
            if (info.getConsumerConfiguration().getDurable() == null) continue; // an ephemeral cannot be re-created as itself
            if (isPastEnd(info, last) && rewind(info, last)) rewound.add(info.getName());
        }
        return rewound;
    }

    static boolean isPastEnd(ConsumerInfo info, long streamLast) {
        return info.getDelivered().getStreamSequence() > streamLast;
    }

    /** The first sequence the consumer must deliver again: after what it saw acknowledged and the stream still holds. */
    static long restartAt(ConsumerInfo info, long streamLast) {
        return Math.min(info.getAckFloor().getStreamSequence(), streamLast) + 1;
    }

    /**
     * The configuration to create or update a consumer with, keeping the start of the one that exists (the
     * broker refuses to change a consumer's deliver policy or start sequence; a rewound consumer starts at a
     * sequence).
     */
    static ConsumerConfiguration keepingStart(ConsumerInfo existing, ConsumerConfiguration wanted) {
        if (existing == null) return wanted;
        ConsumerConfiguration has = existing.getConsumerConfiguration();
        if (has.getDeliverPolicy() == wanted.getDeliverPolicy() && has.getStartSequence() == wanted.getStartSequence()) {
            return wanted;
        }
        return ConsumerConfiguration.builder(wanted).deliverPolicy(has.getDeliverPolicy())
                .startSequence(has.getStartSequence()).startTime(has.getStartTime()).build();
    }

    ConsumerInfo infoOrNull(String durable) throws IOException, JetStreamApiException {
        try {
            return jsm.getConsumerInfo(stream, durable);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) return null;
            throw e;
        }
    }

    /** Skips a consumer already re-created meanwhile (another replica came to the same conclusion first). */
    private boolean rewind(ConsumerInfo seen, long streamLast) throws IOException, JetStreamApiException {
        String durable = seen.getName();
        ConsumerInfo now = infoOrNull(durable);
        if (now == null || !Objects.equals(now.getCreationTime(), seen.getCreationTime())) return false;
        long start = restartAt(seen, streamLast);
        log.warn("consumer {} of {} is past the stream's end (delivered {}, ack floor {}, stream's last {}): the broker "
                        + "lost the stream's tail; re-creating it to start at {}", durable, stream,
                seen.getDelivered().getStreamSequence(), seen.getAckFloor().getStreamSequence(), streamLast, start);
        jsm.deleteConsumer(stream, durable);
        jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder(seen.getConsumerConfiguration())
                .deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(start).build());
        return true;
    }
}
