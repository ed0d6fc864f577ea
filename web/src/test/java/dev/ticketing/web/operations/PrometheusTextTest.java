package dev.ticketing.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.web.operations.PrometheusText.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String SCRAPE = """
            # HELP ticketing_listener_pending \s
            # TYPE ticketing_listener_pending gauge
            ticketing_listener_pending{consumer="orders-service_ticket-created"} 3.0
            ticketing_listener_lag_seconds_bucket{consumer="orders-service_ticket-created",le="0.001"} 0
            ticketing_listener_lag_seconds_bucket{consumer="orders-service_ticket-created",le="+Inf"} 7

            ticketing_outbox_pending 12.0
            ticketing_outbox_oldest_pending_age_seconds NaN
            http_requests_total{method="GET",path="/a \\"b\\" \\\\ c\\nd",} 1027 1395066363000
            not a sample line at all
            broken{consumer="unterminated} 1
            """;

    @Test
    void readsNamesLabelsAndValuesAndSkipsCommentsBlanksAndBrokenLines() {
        List<Sample> samples = PrometheusText.parse(SCRAPE);

        assertThat(samples).extracting(Sample::name).containsExactly("ticketing_listener_pending",
                "ticketing_listener_lag_seconds_bucket", "ticketing_listener_lag_seconds_bucket", "ticketing_outbox_pending",
                "ticketing_outbox_oldest_pending_age_seconds", "http_requests_total");
        assertThat(samples.get(0)).isEqualTo(new Sample("ticketing_listener_pending",
                Map.of("consumer", "orders-service_ticket-created"), 3.0));
        assertThat(samples.get(2).labels()).containsEntry("le", "+Inf");
        assertThat(samples.get(2).value()).isEqualTo(7.0);
        assertThat(samples.get(3).labels()).isEmpty();
        assertThat(samples.get(4).value()).isNaN();
    }

    @Test
    void unescapesLabelValuesAndIgnoresTheTimestamp() {
        Sample s = PrometheusText.parse(SCRAPE).get(5);
        assertThat(s.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("method", "GET", "path", "/a \"b\" \\ c\nd"));
        assertThat(s.value()).isEqualTo(1027.0);
    }

    @Test
    void readsInfinitiesAndExponents() {
        assertThat(PrometheusText.parse("a +Inf\nb -Inf\nc 1.5e-3\n")).extracting(Sample::value)
                .containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0015);
    }
}
