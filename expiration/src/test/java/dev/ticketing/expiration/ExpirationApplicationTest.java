package dev.ticketing.expiration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The service starts against the real engine: its database migrates and its bus connects. The context is
 * closed afterwards: a cached one would keep consuming and firing expiries during the restart tests.
 */
@DirtiesContext
class ExpirationApplicationTest extends ServiceIntegrationTest {
    @Test
    void startsHealthyOnTheRealEngine() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}
