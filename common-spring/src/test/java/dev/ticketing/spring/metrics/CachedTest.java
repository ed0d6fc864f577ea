package dev.ticketing.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedTest {
    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    private Cached<Integer> cached(Cached.Source<Integer> source) {
        return new Cached<>(source, Duration.ofSeconds(1), clock::get);
    }

    @Test
    void readsOnceWithinTheTtlAndAgainAfterIt() {
        Cached<Integer> c = cached(reads::incrementAndGet);
        assertThat(c.get()).isEqualTo(1);
        clock.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(c.get()).isEqualTo(1);
        assertThat(reads).hasValue(1);
        clock.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(c.get()).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadIsNullAndIsNotRetriedWithinTheTtl() {
        Cached<Integer> c = cached(() -> {
            reads.incrementAndGet();
            throw new IllegalStateException("broker away");
        });
        assertThat(c.get()).isNull();
        assertThat(c.get()).isNull();
        assertThat(reads).hasValue(1);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(c.get()).isNull();
        assertThat(reads).hasValue(2);
    }

    @Test
    void theTtlCountsFromTheEndOfASlowRead() {
        Cached<Integer> c = cached(() -> {
            clock.addAndGet(Duration.ofSeconds(2).toNanos()); // e.g. a request that timed out
            return reads.incrementAndGet();
        });
        assertThat(c.get()).isEqualTo(1);
        assertThat(c.get()).as("read right after, not again").isEqualTo(1);
    }
}
