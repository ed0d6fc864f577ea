package dev.ticketing.spring.outbox;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.outbox.OutboxRelay;
import dev.ticketing.common.outbox.OutboxSchema;
import dev.ticketing.common.outbox.PublishObserver;
import dev.ticketing.common.bus.StreamLookup;
import dev.ticketing.spring.events.EventsAutoConfiguration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

/**
 * With {@code ticketing.outbox.enabled=true}: the outbox table is migrated, {@link TransactionalOutbox}
 * is available to write events, and an {@link OutboxRelay} runs for the life of the application.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@ConditionalOnProperty(name = "ticketing.outbox.enabled", havingValue = "true")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    /** The relay is looked up once it exists, not at every commit (a bean lookup costs more than the wake). */
    @Bean
    public TransactionalOutbox transactionalOutbox(DataSource dataSource, ObjectProvider<OutboxRelay> relay) {
        OutboxSchema.migrate(dataSource);
        SingletonSupplier<OutboxRelay> found = SingletonSupplier.of(relay::getIfAvailable);
        return new TransactionalOutbox(dataSource, () -> {
            OutboxRelay r = found.get();
            if (r != null) r.wake();
        });
    }

    @Bean(destroyMethod = "close")
    public OutboxRelay outboxRelay(DataSource dataSource, EventBus bus, OutboxProperties props,
                                   TransactionalOutbox schemaReady, ObjectProvider<PublishObserver> observer) {
        OutboxRelay relay = new OutboxRelay(dataSource, bus.publisher(),
                StreamLookup.of(bus.connection(), bus.config().stream()), props.toOptions(),
                observer.getIfAvailable(() -> PublishObserver.NONE));
        relay.watch(bus);
        return relay;
    }

    @Bean
    public SmartLifecycle outboxRelayLifecycle(OutboxRelay relay) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                relay.start();
                running = true;
            }

            @Override
            public void stop() {
                relay.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
