package dev.ticketing.orders.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Readiness follows the broker, liveness does not. Its own context (components shown), closed after the
 * class; the broker is restarted in any case and awaited, so the classes after it find it up.
 */
@TestPropertySource(properties = "management.endpoint.health.show-components=always")
@DirtiesContext
class ReadinessTest extends ServiceIntegrationTest {
    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(15);
    private static final Duration BACK = Duration.ofSeconds(60);

    @Test
    void readinessIsDownWhileTheBrokerIsAwayAndLivenessStaysUp() throws Exception {
        HttpResponse<String> ready = get("/actuator/health/readiness");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"db\"", "\"nats\"", "\"readinessState\"");
        HttpResponse<String> live = get("/actuator/health/liveness");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"livenessState\"").doesNotContain("\"db\"", "\"nats\"");

        TestEngine engine = TestEngine.shared();
        engine.stopNats();
        try {
            await().atMost(OUTAGE_NOTICED).untilAsserted(() ->
                    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503));
            assertThat(get("/actuator/health/readiness").body()).contains("\"nats\":{\"status\":\"DOWN\"");
            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            engine.startNats();
        }
        await().atMost(BACK).untilAsserted(() ->
                assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, null);
    }
}
