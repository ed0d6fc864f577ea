package dev.ticketing.spring.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * What every service shares (database, broker, graceful shutdown, actuator endpoints), from
 * {@code service-defaults.yml}, below everything else: a service's own application.yml, its environment
 * and its command line override any of it.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {
    static final String FILE = "dev/ticketing/spring/service/service-defaults.yml";

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
    }
}
