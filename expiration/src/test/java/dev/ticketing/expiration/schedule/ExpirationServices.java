package dev.ticketing.expiration.schedule;

import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestTokens;
import dev.ticketing.expiration.ExpirationApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The expiration service as its own Spring context on the test engine, so a test can stop and restart it. */
final class ExpirationServices {
    private ExpirationServices() {
    }

    static ConfigurableApplicationContext start(String... extraArgs) {
        TestEngine engine = TestEngine.shared();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + engine.jdbcUrl("expiration"),
                "--ticketing.events.nats-url=" + engine.natsUrl(),
                "--ticketing.auth.jwt-key=" + TestTokens.SECRET));
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(ExpirationApplication.class).run(args.toArray(String[]::new));
    }
}
