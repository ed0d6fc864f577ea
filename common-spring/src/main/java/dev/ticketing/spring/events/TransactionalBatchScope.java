package dev.ticketing.spring.events;

import dev.ticketing.common.bus.BatchScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A listener batch in one database transaction; the handlers' own {@code @Transactional} methods join it.
 * Two replicas' batches may want the same rows in opposite order: a short lock timeout turns that wait
 * (or a deadlock, which PostgreSQL only notices after a second) into a quick failure of the batch, whose
 * messages are then handled one by one.
 */
public class TransactionalBatchScope implements BatchScope {
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final String setLockTimeout;

    public TransactionalBatchScope(PlatformTransactionManager transactionManager, DataSource dataSource,
                                   Duration lockTimeout) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.dataSource = dataSource;
        this.setLockTimeout = "set local lock_timeout = " + Math.max(1, lockTimeout.toMillis());
    }

    @Override
    public <T> T inOne(Callable<T> work) throws Exception {
        try {
            return transactions.execute(status -> {
                try {
                    limitLockWaits();
                    return work.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new BatchFailed(e);
                }
            });
        } catch (BatchFailed e) {
            throw (Exception) e.getCause();
        }
    }

    private void limitLockWaits() throws SQLException {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (Statement s = c.createStatement()) {
            s.execute(setLockTimeout);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private static final class BatchFailed extends RuntimeException {
        BatchFailed(Exception cause) {
            super(cause);
        }
    }
}
