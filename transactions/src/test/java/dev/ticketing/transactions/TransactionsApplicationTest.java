package dev.ticketing.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service starts against the real engine: its database migrates and its bus connects. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransactionsApplicationTest {
    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngine engine = TestEngine.shared();
        registry.add("spring.datasource.url", () -> engine.jdbcUrl("transactions"));
        registry.add("ticketing.events.nats-url", engine::natsUrl);
        registry.add("ticketing.auth.jwt-key", () -> TestTokens.SECRET);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Test
    void startsHealthyOnTheRealEngine() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(bus.connection().getStatus().name()).isEqualTo("CONNECTED");
    }
}
