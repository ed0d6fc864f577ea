package dev.ticketing.spring.web;

import dev.ticketing.common.db.ConnectRetryingDataSource;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.ClassUtils;

/**
 * Whether an error of a request is the database being out of reach (down, restarting, or behind a partition)
 * rather than a fault of the request or a bug: somewhere in its causes, the pool found no connection in time
 * (SQLTransientConnectionException) or a statement failed with an SQL state that says the database cannot be
 * reached ({@link ConnectRetryingDataSource#unreachable}: a connection exception, as PostgreSQL's driver reports a
 * refused connect or a socket timeout, or a shutdown that terminated the session). Spring wraps these in several ways (a
 * transaction that could not begin, a failed query, a rollback that failed after it), so the causes are read,
 * and the error a failed rollback replaced.
 */
final class DatabaseUnreachable {
    private static final int MAX_CAUSES = 20;

    private DatabaseUnreachable() {
    }

    static boolean causes(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException sql && ConnectRetryingDataSource.unreachable(sql.getSQLState())) return true;
            if (SPRING_TX && FailedRollback.hidesOne(t)) return true;
        }
        return false;
    }

    /** Services without a database (the web tier) have no Spring transactions on their classpath. */
    private static final boolean SPRING_TX = ClassUtils.isPresent("org.springframework.transaction.TransactionSystemException",
            DatabaseUnreachable.class.getClassLoader());

    /**
     * A rollback or commit that failed on the connection (one the pool had already closed as broken: "Connection
     * is closed", with no SQL state) is the database out of reach too. When an error made the transaction roll
     * back, Spring reports the failed rollback instead and keeps that error as the "application exception": then
     * that error decides (a bug stays a bug).
     */
    private static final class FailedRollback {
        static boolean hidesOne(Throwable t) {
            if (!(t instanceof TransactionSystemException failed)) return false;
            Throwable application = failed.getApplicationException();
            return application != null ? causes(application) : failed.getCause() instanceof SQLException;
        }
    }
}
