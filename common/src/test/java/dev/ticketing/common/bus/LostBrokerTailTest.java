package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.testing.OwnEngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What nats-server (Debian's 2.9.10) does with a durable consumer after a crash of its host lost the tail of the
 * stream: the stream is back as it was on disk a while ago, the consumer's state (o.dat, written without fsync,
 * at another moment) may be newer. Also what the duplicate window and a key-value bucket remember afterwards.
 * The broker's own behaviour, with plain jnats calls; an engine of its own, since its broker is killed and its
 * store replaced.
 */
@ExtendWith(OwnEngineExtension.class)
class LostBrokerTailTest {
    private static TestEngine engine;
    private static HostCrash crash;

    @BeforeAll
    static void useEngine(TestEngine ownEngine) {
        engine = ownEngine;
        crash = new HostCrash(engine);
    }

    /**
     * The stream comes back with 10 messages, the consumer with delivered = ack floor = 20. The broker resumes
     * the consumer at its stored position (21) without comparing it to the stream: the next messages are
     * stored as 11, 12, ... and the consumer does not deliver them; it goes on with 21.
     */
    @Test
    void aConsumerAheadOfTheStreamSkipsTheMessagesThatGetTheLostSequencesAgain() throws Exception {
        Disks disks = runUntilCrash("AHEAD", "ahead.x");
        crash.kill();
        crash.restore(disks.t1());
        crash.restore(disks.t2(), HostCrash.consumerPath("AHEAD", "c"));
        crash.start();

        try (Connection nc = connect()) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            assertThat(jsm.getStreamInfo("AHEAD").getStreamState().getLastSequence()).isEqualTo(10);
            ConsumerInfo info = jsm.getConsumerInfo("AHEAD", "c");
            assertThat(info.getDelivered().getStreamSequence()).isEqualTo(20);
            assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(20);

            for (int i = 0; i < 5; i++) assertThat(publish(nc, "ahead.x", "new-" + i)).isEqualTo(11 + i);
            List<Long> delivered = fetch(nc, "AHEAD", "c", 5, Duration.ofSeconds(3));
            info = jsm.getConsumerInfo("AHEAD", "c");
            System.out.printf("AHEAD: 5 new (11-15) -> delivered %s; consumer delivered %d, ack floor %d, pending %d%n",
                    delivered, info.getDelivered().getStreamSequence(), info.getAckFloor().getStreamSequence(), info.getNumPending());
            assertThat(delivered).as("nats-server 2.9.10 resumes at its stored position, past 11-15").isEmpty();

            for (int i = 5; i < 15; i++) publish(nc, "ahead.x", "new-" + i);
            List<Long> later = fetch(nc, "AHEAD", "c", 15, Duration.ofSeconds(3));
            System.out.printf("AHEAD: 10 more (16-25) -> delivered %s%n", later);
            assertThat(later).as("only what comes after its stored position").containsExactly(21L, 22L, 23L, 24L, 25L);
        }
    }

    /** For comparison, the whole store from one moment: the consumer goes on from its position and gets the new messages. */
    @Test
    void aConsumerRestoredWithItsStreamGetsTheNewMessages() throws Exception {
        Disks disks = runUntilCrash("ALONG", "along.x");
        crash.kill();
        crash.restore(disks.t1());
        crash.start();

        try (Connection nc = connect()) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            assertThat(jsm.getStreamInfo("ALONG").getStreamState().getLastSequence()).isEqualTo(10);
            ConsumerInfo info = jsm.getConsumerInfo("ALONG", "c");
            assertThat(info.getDelivered().getStreamSequence()).isEqualTo(5);

            for (int i = 0; i < 5; i++) assertThat(publish(nc, "along.x", "new-" + i)).isEqualTo(11 + i);
            List<Long> delivered = fetch(nc, "ALONG", "c", 10, Duration.ofSeconds(3));
            System.out.printf("ALONG: 5 new (11-15) -> delivered %s%n", delivered);
            assertThat(delivered).containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        }
    }

    /**
     * The duplicate window after the crash is rebuilt from the messages the stream came back with: a kept
     * message's id is still a duplicate (and the ack names the kept message's sequence); a lost message's id is
     * not remembered, so publishing it again stores it (under the next sequence, the lost one's).
     */
    @Test
    void theDuplicateWindowRemembersOnlyTheMessagesThatSurvived() throws Exception {
        Path disk;
        try (Connection nc = connect()) {
            nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("DEDUP").subjects("dedup.x")
                    .storageType(StorageType.File).duplicateWindow(Duration.ofMinutes(2)).build());
            assertThat(publishWithId(nc, "dedup.x", "kept").getSeqno()).isEqualTo(1);
            Thread.sleep(300);
            disk = crash.diskNow();
            assertThat(publishWithId(nc, "dedup.x", "lost").getSeqno()).isEqualTo(2);
        }
        crash.kill();
        crash.restore(disk);
        crash.start();
        try (Connection nc = connect()) {
            PublishAck kept = publishWithId(nc, "dedup.x", "kept");
            assertThat(kept.isDuplicate()).isTrue();
            assertThat(kept.getSeqno()).isEqualTo(1);
            PublishAck lost = publishWithId(nc, "dedup.x", "lost");
            assertThat(lost.isDuplicate()).isFalse();
            assertThat(lost.getSeqno()).isEqualTo(2);
        }
    }

    /**
     * A key-value bucket is a stream: a lost tail takes a key back to the revision the disk kept, a key put only
     * in the lost tail is gone, and the next revisions reuse the lost revision numbers.
     */
    @Test
    void aKeyValueBucketGoesBackToTheRevisionsTheDiskKept() throws Exception {
        Path disk;
        try (Connection nc = connect()) {
            KeyValueManagement kvm = nc.keyValueManagement();
            kvm.create(KeyValueConfiguration.builder().name("LOSTKV").storageType(StorageType.File).maxHistoryPerKey(1).build());
            KeyValue kv = nc.keyValue("LOSTKV");
            assertThat(kv.put("a", "a1")).isEqualTo(1);
            Thread.sleep(300);
            disk = crash.diskNow();
            assertThat(kv.put("a", "a2")).isEqualTo(2);
            assertThat(kv.put("b", "b1")).isEqualTo(3);
            kv.delete("a"); // 4
        }
        crash.kill();
        crash.restore(disk);
        crash.start();
        try (Connection nc = connect()) {
            KeyValue kv = nc.keyValue("LOSTKV");
            KeyValueEntry a = kv.get("a");
            assertThat(a.getValueAsString()).as("the deleted key is back, at its first value").isEqualTo("a1");
            assertThat(a.getRevision()).isEqualTo(1);
            assertThat(kv.get("b")).as("put only in the lost tail").isNull();
            assertThat(kv.put("c", "c1")).as("the next put takes the lost revision 2").isEqualTo(2);
        }
    }

    private static PublishAck publishWithId(Connection nc, String subject, String id) throws Exception {
        return nc.jetStream().publish(subject, id.getBytes(StandardCharsets.UTF_8), PublishOptions.builder().messageId(id).build());
    }

    /** The disk at two moments: T1 with 10 messages of which 5 consumed; T2 with 20, all consumed. */
    record Disks(Path t1, Path t2) {
    }

    /**
     * A stream and a durable pull consumer on it; 10 messages published, 5 consumed (acked); the disk then
     * (T1); 10 more published, all 15 consumed; the disk then (T2). The broker still runs.
     */
    private static Disks runUntilCrash(String stream, String subject) throws Exception {
        try (Connection nc = connect()) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject).storageType(StorageType.File).build());
            jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable("c").filterSubject(subject)
                    .ackPolicy(AckPolicy.Explicit).deliverPolicy(DeliverPolicy.All).ackWait(Duration.ofSeconds(2)).build());
            for (int i = 1; i <= 10; i++) publish(nc, subject, "m" + i);
            assertThat(fetch(nc, stream, "c", 5, Duration.ofSeconds(2))).hasSize(5);
            Path t1 = settledDisk(jsm, stream, 5);
            for (int i = 11; i <= 20; i++) publish(nc, subject, "m" + i);
            assertThat(fetch(nc, stream, "c", 15, Duration.ofSeconds(2))).hasSize(15);
            Path t2 = settledDisk(jsm, stream, 20);
            return new Disks(t1, t2);
        }
    }

    /**
     * The disk once the consumer's acks reached it: the broker writes o.dat at most 10 times a second, after the
     * ack; waiting past that makes the copy hold the ack floor the broker reports.
     */
    private static Path settledDisk(JetStreamManagement jsm, String stream, long ackFloor) throws Exception {
        assertThat(jsm.getConsumerInfo(stream, "c").getAckFloor().getStreamSequence()).isEqualTo(ackFloor);
        Thread.sleep(500);
        return crash.diskNow();
    }

    private static Connection connect() throws Exception {
        return Nats.connect(Options.builder().server(engine.natsUrl()).connectionTimeout(Duration.ofSeconds(5)).build());
    }

    private static long publish(Connection nc, String subject, String body) throws Exception {
        return nc.jetStream().publish(subject, body.getBytes(StandardCharsets.UTF_8)).getSeqno();
    }

    /** Up to {@code max} messages, acked one by one, within {@code wait}: their stream sequences. */
    private static List<Long> fetch(Connection nc, String stream, String durable, int max, Duration wait) throws Exception {
        ConsumerContext cc = nc.getConsumerContext(stream, durable);
        List<Long> seqs = new ArrayList<>();
        try (FetchConsumer fc = cc.fetch(FetchConsumeOptions.builder().maxMessages(max).expiresIn(wait.toMillis()).build())) {
            for (Message m = fc.nextMessage(); m != null; m = fc.nextMessage()) {
                seqs.add(m.metaData().streamSequence());
                m.ackSync(Duration.ofSeconds(2));
            }
        }
        return seqs;
    }
}
