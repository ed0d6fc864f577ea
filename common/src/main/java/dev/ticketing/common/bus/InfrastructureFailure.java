package dev.ticketing.common.bus;

import dev.ticketing.common.db.ConnectRetryingDataSource;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

/**
 * Whether a handler's exception says a dependency is away (the database down or restarting, the pool out
 * of connections, a lock or serialization conflict) rather than that the event is bad. Such a failure is
 * not the event's fault: it must not use up the event's budget and end in the dead letters; the
 * listener waits and tries again. Looked for anywhere in the cause chain, since frameworks wrap it.
 */
public final class InfrastructureFailure {
    /**
     * SQLSTATE classes and codes besides the database being unreachable: 53 insufficient resources, 40001
     * serialization failure, 40P01 deadlock, 55P03 lock not available.
     */
    private static final List<String> SQL_STATES = List.of("53", "40001", "40P01", "55P03");
    private static final int MAX_DEPTH = 32;
    private static final String HIKARI_CLOSED = "Connection is closed";

    private InfrastructureFailure() {
    }

    public static boolean is(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) return true;
            if (t instanceof ConnectException || t instanceof SocketTimeoutException) return true;
            if (t instanceof SQLException sql && (hasTransientState(sql.getSQLState()) || closedByPool(sql))) return true;
        }
        return false;
    }

    /**
     * HikariCP's "Connection is closed" has no SQLSTATE: the pool closed a connection the database broke
     * (e.g. terminated by a restart), and the rollback of the work on it failed with that.
     */
    private static boolean closedByPool(SQLException e) {
        return e.getSQLState() == null && HIKARI_CLOSED.equals(e.getMessage());
    }

    private static boolean hasTransientState(String state) {
        return ConnectRetryingDataSource.unreachable(state) || state != null && SQL_STATES.stream().anyMatch(state::startsWith);
    }
}
