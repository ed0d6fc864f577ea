package dev.ticketing.spring.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import dev.ticketing.common.db.ConnectRetryingDataSource;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Gives a HikariCP pool configured by URL a {@link ConnectRetryingDataSource} over the driver, so that after a
 * database restart the pool has connections again within a retry interval rather than after HikariCP's
 * backoff. Runs before the pool starts (Boot's pool starts on its first use).
 */
class HikariConnectRetry implements BeanPostProcessor {
    /** How long one connect waits for the database; HikariCP's own backoff takes over beyond it. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getDataSource() == null && pool.getJdbcUrl() != null) {
            pool.setDataSource(new ConnectRetryingDataSource(new DriverDataSource(pool.getJdbcUrl(),
                    pool.getDriverClassName(), pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword()),
                    PATIENCE));
        }
        return bean;
    }
}
