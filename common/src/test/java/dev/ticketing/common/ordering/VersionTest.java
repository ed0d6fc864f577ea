package dev.ticketing.common.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void anInstantIsReadAndWrittenAsTheSourceWroteIt() {
        Version v = Version.instant("2026-05-01T12:00:00Z");
        assertThat(v.kind()).isEqualTo(VersionKind.INSTANT);
        assertThat(v.toString()).isEqualTo("2026-05-01T12:00:00Z");
        assertThat(v.position()).isEqualTo(Instant.parse("2026-05-01T12:00:00Z").toEpochMilli() * 1_000_000);
        assertThat(Version.instant("1969-12-31T23:59:59.5Z").toString()).as("before the epoch").isEqualTo("1969-12-31T23:59:59.500Z");
    }

    @Test
    void anOffsetIsTheSameInstantInUtc() {
        assertThat(Version.instant("2026-05-01T14:00:00+02:00")).isEqualTo(Version.instant("2026-05-01T12:00:00Z"));
    }

    @Test
    void instantsANanosecondApartAreDifferentVersions() {
        Version earlier = Version.instant("2026-05-01T12:00:00.000000001Z");
        Version later = Version.instant("2026-05-01T12:00:00.000000002Z");
        assertThat(later.isNewerThan(earlier)).isTrue();
        assertThat(earlier.isNewerThan(later)).isFalse();
        assertThat(earlier.isNewerThan(Version.instant("2026-05-01T12:00:00.000000001Z"))).as("equal").isFalse();
    }

    @Test
    void whatIsNotAnIso8601InstantIsRefused() {
        for (String bad : new String[] {"05-01-12:00", "2026-05-01", "2026-05-01T12:00:00", "2026-13-01T12:00:00Z", "", "300"}) {
            assertThatThrownBy(() -> Version.instant(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ISO-8601");
        }
        assertThatThrownBy(() -> Version.instant((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Version.instant("2300-01-01T00:00:00Z")).as("beyond the nanosecond line")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }

    @Test
    void numbersCompareAsNumbersAndAreNeverNegative() {
        assertThat(Version.number(300).isNewerThan(Version.number(200))).isTrue();
        assertThat(Version.number(300).toString()).isEqualTo("300");
        assertThatThrownBy(() -> Version.number(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionsOfDifferentKindsDoNotCompare() {
        assertThatThrownBy(() -> Version.number(300).isNewerThan(Version.instant("2026-05-01T12:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot compare");
    }
}
