package dev.ticketing.common.outbox;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The outbox table is the library's, not the service's: it is migrated with a history table of its own,
 * so a service's own migration numbering never collides with it.
 */
public final class OutboxSchema {
    private OutboxSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:dev/ticketing/common/outbox/db")
                .table("outbox_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
