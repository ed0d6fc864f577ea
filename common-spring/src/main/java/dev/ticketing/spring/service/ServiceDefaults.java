package dev.ticketing.spring.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * What every service shares (database, broker, graceful shutdown, actuator endpoints), from
 * {@code service-defaults.yml}, below everything else: a service's own application.yml, its environment
 * and its command line override any of it. The number of request threads depends on the machine, so it
 * is computed here rather than written in the file.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {
    static final String FILE = "dev/ticketing/spring/service/service-defaults.yml";
    /**
     * A service's request is a short transaction: CPU here and in PostgreSQL, with sub-millisecond waits.
     * More threads than cores only take turns on the CPU: the kernel preempts them, and a request resumes
     * on a cold cache, so one thread per core costs least per request (BENCHMARKS.md, "Issue 9, fifth round: request threads"). Two
     * at least, so that one slow request does not stop the service. A service whose requests wait on
     * other services sets its own.
     */
    static final int MIN_REQUEST_THREADS = 2;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> defaults : new YamlPropertySourceLoader().load("ticketing service defaults",
                    new ClassPathResource(FILE, ServiceDefaults.class.getClassLoader()))) {
                environment.getPropertySources().addLast(defaults);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
        environment.getPropertySources().addLast(new MapPropertySource("ticketing machine defaults",
                Map.of("server.tomcat.threads.max", requestThreads(Runtime.getRuntime().availableProcessors()))));
    }

    static int requestThreads(int cores) {
        return Math.max(MIN_REQUEST_THREADS, cores);
    }
}
