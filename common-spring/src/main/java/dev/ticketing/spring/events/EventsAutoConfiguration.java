package dev.ticketing.spring.events;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.ListenerOptions;
import dev.ticketing.common.bus.Publisher;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** One {@link EventBus} per service, its {@link Publisher}, and every {@link Listener} bean started. */
@AutoConfiguration
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public EventBus eventBus(EventsProperties props, @Value("${spring.application.name:service}") String appName) {
        String name = props.connectionName() != null ? props.connectionName() : appName;
        return EventBus.connect(EventBusConfig.defaults(props.natsUrl(), name));
    }

    @Bean
    public Publisher eventPublisher(EventBus bus) {
        return bus.publisher();
    }

    @Bean
    @ConditionalOnMissingBean
    public ListenerOptions listenerOptions(EventsProperties props) {
        return ListenerOptions.defaults()
                .withAckWait(props.ackWait())
                .withMaxFailures(props.maxFailures())
                .withBatch(props.batchSize(), props.workers());
    }

    @Bean
    public ListenerLifecycle listenerLifecycle(EventBus bus, ObjectProvider<Listener<?>> listeners,
                                               ListenerOptions options) {
        List<Listener<?>> all = listeners.orderedStream().toList();
        return new ListenerLifecycle(bus, all, options);
    }
}
