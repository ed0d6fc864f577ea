package dev.ticketing.proof.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRank() {
        List<Double> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) values.add((double) i);
        Percentiles p = new Percentiles(values);
        assertThat(p.at(50)).isEqualTo(50.0);
        assertThat(p.at(99)).isEqualTo(99.0);
        assertThat(p.max()).isEqualTo(100.0);
        assertThat(new Percentiles(List.of(7.0)).at(99)).isEqualTo(7.0);
        assertThat(new Percentiles(List.of()).at(50)).isNaN();
    }
}
