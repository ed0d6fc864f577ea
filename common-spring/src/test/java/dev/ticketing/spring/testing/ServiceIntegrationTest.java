package dev.ticketing.spring.testing;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestHttp;
import dev.ticketing.common.testing.TestStream;
import dev.ticketing.common.testing.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service, whole, on the real engine (its database is the one named like the application), HTTP over
 * a real socket. Test classes of a service share one Spring context, and that context keeps its
 * listeners and relay running until the JVM ends: a test that stops and restarts the service itself
 * must close it first ({@code @DirtiesContext} on the classes that use it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceIntegrationTest {
    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        TestEngine engine = TestEngine.shared();
        registry.add("spring.datasource.url", () -> engine.jdbcUrl("${spring.application.name}"));
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
        return new TestHttp(port).send(method, path, userId, json);
    }

    /** Outbox rows whose message id starts with the prefix, e.g. "ticket:updated/<id>@". */
    protected List<Map<String, Object>> outbox(String messageIdPrefix) {
        return jdbc.queryForList("select message_id, subject, payload, sent_at from outbox where message_id like ? order by seq",
                messageIdPrefix + "%");
    }

    /** Payloads on the stream under a NATS subject whose message id starts with the prefix, in stream order. */
    protected List<String> onStream(String natsSubject, String messageIdPrefix) throws Exception {
        return TestStream.payloads(bus.connection(), bus.config().stream(), natsSubject, messageIdPrefix);
    }
}
