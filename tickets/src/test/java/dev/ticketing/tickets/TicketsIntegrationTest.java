package dev.ticketing.tickets;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestTokens;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tickets service, whole, on the real engine; HTTP over a real socket. Subclasses share one context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class TicketsIntegrationTest {
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngine engine = TestEngine.shared();
        registry.add("spring.datasource.url", () -> engine.jdbcUrl("tickets"));
        registry.add("ticketing.events.nats-url", engine::natsUrl);
        registry.add("ticketing.auth.jwt-key", () -> TestTokens.SECRET);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected EventBus bus;

    protected HttpResponse<String> send(String method, String path, String userId, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (userId != null) b.header("Authorization", TestTokens.bearer(userId));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Outbox rows whose message id starts with the prefix, e.g. "ticket:updated/<id>@". */
    protected List<Map<String, Object>> outbox(String messageIdPrefix) {
        return jdbc.queryForList("select message_id, subject, payload, sent_at from outbox where message_id like ? order by seq",
                messageIdPrefix + "%");
    }

    /** Payloads on the stream under a NATS subject whose message id starts with the prefix, in stream order. */
    protected List<String> onStream(String natsSubject, String messageIdPrefix) throws Exception {
        JetStreamSubscription sub = bus.connection().jetStream().subscribe(natsSubject,
                PullSubscribeOptions.builder().stream(bus.config().stream()).build());
        try {
            List<String> payloads = new ArrayList<>();
            List<Message> batch;
            do {
                batch = sub.fetch(1000, Duration.ofMillis(300));
                for (Message m : batch) {
                    String id = m.getHeaders().getFirst("Nats-Msg-Id");
                    if (id.startsWith(messageIdPrefix)) payloads.add(new String(m.getData(), StandardCharsets.UTF_8));
                }
            } while (!batch.isEmpty());
            return payloads;
        } finally {
            sub.unsubscribe();
        }
    }
}
