package dev.ticketing.spring.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.correlation.CorrelationId;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ServiceDefaultsTest {
    private static MockEnvironment withDefaults(MockEnvironment service) {
        new ServiceDefaults().postProcessEnvironment(service, null);
        return service;
    }

    @Test
    void aServiceThatStatesOnlyItsNameGetsTheSharedSettings() {
        MockEnvironment env = withDefaults(new MockEnvironment().withProperty("spring.application.name", "orders"));

        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://127.0.0.1:15432/orders");
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo("postgres");
        assertThat(env.getProperty("ticketing.events.nats-url")).isEqualTo("nats://127.0.0.1:14222");
        assertThat(env.getProperty("ticketing.events.replicas")).isEqualTo("1");
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(env.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,info,metrics,prometheus,deadletters,partitions");
        assertThat(env.getProperty("management.endpoint.health.group.readiness.include")).isEqualTo("readinessState,db,nats");
        assertThat(env.getProperty("management.endpoint.health.group.liveness.include")).isEqualTo("livenessState");
        assertThat(env.getProperty("logging.pattern.correlation")).isEqualTo("[%X{" + CorrelationId.MDC_KEY + ":--}] ");
        assertThat(env.getProperty("server.tomcat.threads.max", Integer.class))
                .isEqualTo(ServiceDefaults.requestThreads(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void requestThreadsAreOnePerCoreAndAtLeastTwo() {
        assertThat(ServiceDefaults.requestThreads(1)).isEqualTo(2);
        assertThat(ServiceDefaults.requestThreads(2)).isEqualTo(2);
        assertThat(ServiceDefaults.requestThreads(16)).isEqualTo(16);
    }

    @Test
    void theServiceAndItsEnvironmentOverrideAnyDefault() {
        MockEnvironment env = withDefaults(new MockEnvironment()
                .withProperty("spring.application.name", "orders")
                .withProperty("DATABASE_URL", "jdbc:postgresql://db:5432/other")
                .withProperty("NATS_URL", "nats://broker:4222")
                .withProperty("NATS_REPLICAS", "3")
                .withProperty("server.shutdown", "immediate")
                .withProperty("server.tomcat.threads.max", "50"));

        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/other");
        assertThat(env.getProperty("ticketing.events.nats-url")).isEqualTo("nats://broker:4222");
        assertThat(env.getProperty("ticketing.events.replicas")).isEqualTo("3");
        assertThat(env.getProperty("server.shutdown")).isEqualTo("immediate");
        assertThat(env.getProperty("server.tomcat.threads.max")).isEqualTo("50");
    }
}
