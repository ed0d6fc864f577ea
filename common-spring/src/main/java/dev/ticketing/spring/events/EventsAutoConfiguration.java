package dev.ticketing.spring.events;

import dev.ticketing.common.bus.BatchScope;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.ListenerObserver;
import dev.ticketing.common.bus.ListenerOptions;
import dev.ticketing.common.bus.Publisher;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/** One {@link EventBus} per service, its {@link Publisher}, and every {@link Listener} bean started. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {
    private static final Duration BATCH_LOCK_TIMEOUT = Duration.ofMillis(100);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public EventBus eventBus(EventsProperties props, @Value("${spring.application.name:service}") String appName) {
        return EventBus.connect(props.toBusConfig(appName));
    }

    @Bean
    public Publisher eventPublisher(EventBus bus) {
        return bus.publisher();
    }

    @Bean
    @ConditionalOnMissingBean
    public ListenerOptions listenerOptions(EventsProperties props) {
        return props.toListenerOptions();
    }

    /** With a database, a listener's batch is one transaction; without, messages are handled one by one. */
    @Bean
    public ListenerLifecycle listenerLifecycle(EventBus bus, ObjectProvider<Listener<?>> listeners,
                                               ListenerOptions options,
                                               ObjectProvider<PlatformTransactionManager> transactions,
                                               ObjectProvider<DataSource> dataSource,
                                               ObjectProvider<ListenerObserver> observer) {
        List<Listener<?>> all = listeners.orderedStream().toList();
        PlatformTransactionManager tm = transactions.getIfUnique();
        DataSource ds = dataSource.getIfUnique();
        BatchScope scope = tm == null || ds == null ? BatchScope.NONE
                : new TransactionalBatchScope(tm, ds, BATCH_LOCK_TIMEOUT);
        return new ListenerLifecycle(bus, all, options, scope, observer.getIfAvailable(() -> ListenerObserver.NONE));
    }
}
