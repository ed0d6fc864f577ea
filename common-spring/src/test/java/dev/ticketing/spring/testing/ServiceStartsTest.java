package dev.ticketing.spring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Extend in each service: it starts against the real engine, its database migrates and its bus connects. */
public abstract class ServiceStartsTest extends ServiceIntegrationTest {
    @Test
    void startsHealthyOnTheRealEngine() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(bus.connection().getStatus().name()).isEqualTo("CONNECTED");
    }
}
