package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How long a dead member must have been silent before its partitions are taken: a pure rule. */
class TakeoverTest {
    @ParameterizedTest(name = "ttl {0} ms, heartbeat every {1} ms, ack wait {2} ms -> {3} ms")
    @CsvSource({
            "1500, 500, 1000, 1500", // dead for at least 1 s, which covers the ack wait: the ttl alone
            "1500, 500, 3000, 3500", // 2 s of the ack wait not covered
            "1500, 500,  500, 1500",
            "1000, 500, 1000, 1500",
    })
    void theTtlAndWhatOfTheAckWaitItDoesNotCover(long ttl, long renew, long ackWait, long expected) {
        assertThat(PartitionLeases.silenceBeforeTakeover(Duration.ofMillis(ttl), Duration.ofMillis(renew),
                Duration.ofMillis(ackWait))).isEqualTo(Duration.ofMillis(expected));
    }
}
