package dev.ticketing.common.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that, when the database cannot be reached (refused, starting up, shutting down), tries the
 * connect again every {@link #RETRY_EVERY} for up to a bound before it gives up with the last failure.
 * It sits under HikariCP, whose connection creator backs off 10 ms doubling to 5 s between failed
 * attempts, so on its own its next attempt after a short database restart can come seconds after the
 * database answers; here the gap is at most one retry interval. Any other failure (a wrong password, an
 * unknown database) is thrown at once.
 */
public final class ConnectRetryingDataSource implements DataSource {
    public static final Duration RETRY_EVERY = Duration.ofMillis(100);
    /** SQLSTATE 08: connection exception; 57P: operator intervention (shutdown, cannot connect now). */
    private static final List<String> UNREACHABLE = List.of("08", "57P");

    private final DataSource target;
    private final Duration patience;

    public ConnectRetryingDataSource(DataSource target, Duration patience) {
        this.target = target;
        this.patience = patience;
    }

    /** Whether a failure's SQLSTATE says the database cannot be reached, as opposed to refusing the work. */
    public static boolean unreachable(String sqlState) {
        return sqlState != null && UNREACHABLE.stream().anyMatch(sqlState::startsWith);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return withRetry(target::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return withRetry(() -> target.getConnection(username, password));
    }

    private Connection withRetry(Connect connect) throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return connect.open();
            } catch (SQLException e) {
                if (!unreachable(e.getSQLState()) || System.nanoTime() + RETRY_EVERY.toNanos() > deadline) throw e;
                pause(e);
            }
        }
    }

    private static void pause(SQLException failure) throws SQLException {
        try {
            Thread.sleep(RETRY_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    @FunctionalInterface
    private interface Connect {
        Connection open() throws SQLException;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
