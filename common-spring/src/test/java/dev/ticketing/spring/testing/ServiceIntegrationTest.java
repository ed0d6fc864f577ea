package dev.ticketing.spring.testing;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestHttp;
import dev.ticketing.common.testing.TestStream;
import dev.ticketing.common.testing.TestTokens;
import ch.qos.logback.classic.Level;
import io.nats.client.Message;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
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

    @Autowired
    protected Environment environment;

    protected HttpResponse<String> send(String method, String path, String userId, String json) throws Exception {
        return new TestHttp(port).send(method, path, userId, json);
    }

    protected HttpResponse<String> send(String method, String path, String userId, String json, Map<String, String> headers)
            throws Exception {
        return new TestHttp(port).send(method, path, userId, json, headers);
    }

    /**
     * A logger's lines at DEBUG while open, each with the service's correlation part of the log pattern
     * ({@code logging.pattern.correlation}) before the message. (Tests log with the test logback set-up,
     * not with the service's console pattern, so the lines are written here.)
     */
    protected CapturedLogs captureLogs(String loggerName) {
        return new CapturedLogs(loggerName, Level.DEBUG, environment.getRequiredProperty("logging.pattern.correlation") + "%m");
    }

    /** Outbox rows whose message id starts with the prefix, e.g. "ticket:updated/<id>@". */
    protected List<Map<String, Object>> outbox(String messageIdPrefix) {
        return jdbc.queryForList("select message_id, subject, payload, sent_at, correlation_id from outbox where message_id like ? order by seq",
                messageIdPrefix + "%");
    }

    /** Payloads on the stream under a NATS subject whose message id starts with the prefix, in stream order. */
    protected List<String> onStream(String natsSubject, String messageIdPrefix) throws Exception {
        return TestStream.payloads(bus.connection(), bus.config().stream(), natsSubject, messageIdPrefix);
    }

    /** The correlation id header (null where there is none) of those messages, in stream order. */
    protected List<String> correlationIdsOnStream(String natsSubject, String messageIdPrefix) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Message m : TestStream.messages(bus.connection(), bus.config().stream(), natsSubject, messageIdPrefix)) {
            ids.add(m.getHeaders().getFirst(CorrelationId.HEADER));
        }
        return ids;
    }
}
