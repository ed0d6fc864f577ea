package dev.ticketing.spring.outbox;

import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Adds an event to the outbox inside the current Spring transaction, on its connection, so the event
 * commits with the record change or not at all. Calling it outside a transaction is a bug and throws.
 */
public class TransactionalOutbox {
    private final DataSource dataSource;
    private final Runnable afterCommit;

    /** @param afterCommit run once the transaction that added an event has committed: wakes the relay */
    public TransactionalOutbox(DataSource dataSource, Runnable afterCommit) {
        this.dataSource = dataSource;
        this.afterCommit = afterCommit;
    }

    public <E extends Event> void add(Subject<E> subject, E event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outbox.add(" + subject.name() + ") outside a transaction");
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            OutboxWriter.add(connection, subject, event);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.run();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + subject.name() + " to the outbox", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
