package dev.ticketing.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

@ExtendWith(EngineExtension.class)
class ConnectRetryingDataSourceTest {
    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
            ConnectRetryingDataSourceTest.class.getClassLoader(), new Class<?>[]{Connection.class}, (p, m, a) -> null);

    @Test
    void aRefusedConnectIsTriedAgainUntilTheDatabaseAnswers() throws Exception {
        ScriptedDataSource target = new ScriptedDataSource(refused(), startingUp());
        Connection c = new ConnectRetryingDataSource(target, Duration.ofSeconds(5)).getConnection();
        assertThat(c).isSameAs(CONNECTION);
        assertThat(target.attempts).isEqualTo(3);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        ScriptedDataSource target = new ScriptedDataSource(new SQLException("password authentication failed", "28P01"));
        assertThatThrownBy(() -> new ConnectRetryingDataSource(target, Duration.ofSeconds(5)).getConnection())
                .hasMessageContaining("password");
        assertThat(target.attempts).isEqualTo(1);
    }

    @Test
    void itGivesUpWithTheLastFailureAfterItsPatience() {
        ScriptedDataSource target = new ScriptedDataSource(refused(), refused(), refused(), refused(), refused(), refused());
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ConnectRetryingDataSource(target, Duration.ofMillis(250)).getConnection())
                .isInstanceOf(SQLException.class).hasMessageContaining("refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(target.attempts).isBetween(2, 3);
    }

    /**
     * A real restart under a HikariCP pool. Down about 6 s, HikariCP alone tries again 5.1 s and then 10.2 s
     * after its first failure, so it would answer seconds after the database; over the retrying source it
     * answers within a retry interval or so.
     */
    @Test
    void aPoolHasItsConnectionSoonAfterPostgresComesBack(TestEngine engine) throws Exception {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setUrl(engine.jdbcUrl("tickets"));
        driver.setUser("postgres");
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setDataSource(new ConnectRetryingDataSource(driver, Duration.ofSeconds(5)));
            pool.setMaximumPoolSize(1);
            pool.setConnectionTimeout(Duration.ofSeconds(25).toMillis());
            try (Connection c = pool.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            engine.stopPostgres();
            pool.getHikariPoolMXBean().softEvictConnections(); // the idle one is dead, and used too recently to be checked
            CompletableFuture<Long> answered = CompletableFuture.supplyAsync(() -> {
                try (Connection c = pool.getConnection()) {
                    c.createStatement().execute("select 1");
                    return System.nanoTime();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                TimeUnit.SECONDS.sleep(5);
            } finally {
                engine.startPostgres();
            }
            long back = System.nanoTime();
            long at = answered.get(20, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(at - back)).isLessThan(Duration.ofMillis(1500));
        }
    }

    private static SQLException refused() {
        return new SQLException("Connection to 127.0.0.1:1 refused", "08001");
    }

    private static SQLException startingUp() {
        return new SQLException("the database system is starting up", "57P03");
    }

    /** Fails with the given exceptions in turn, then connects. */
    private static final class ScriptedDataSource implements DataSource {
        private final Deque<SQLException> failures;
        int attempts;

        ScriptedDataSource(SQLException... failures) {
            this.failures = new ArrayDeque<>(java.util.List.of(failures));
        }

        @Override
        public Connection getConnection() throws SQLException {
            attempts++;
            if (!failures.isEmpty()) throw failures.poll();
            return CONNECTION;
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> iface) { return null; }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
