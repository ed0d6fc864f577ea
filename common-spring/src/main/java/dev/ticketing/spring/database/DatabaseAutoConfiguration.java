package dev.ticketing.spring.database;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Puts {@link HikariConnectRetry} under every HikariCP pool of a service. */
@AutoConfiguration
@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
public class DatabaseAutoConfiguration {
    @Bean
    static HikariConnectRetry hikariConnectRetry() {
        return new HikariConnectRetry();
    }
}
