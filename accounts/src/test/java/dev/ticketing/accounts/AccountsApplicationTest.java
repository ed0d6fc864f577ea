package dev.ticketing.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The service starts against the real engine: its database migrates and its bus connects. */
class AccountsApplicationTest extends AccountsIntegrationTest {
    @Test
    void startsHealthyOnTheRealEngine() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(bus.connection().getStatus().name()).isEqualTo("CONNECTED");
    }
}
