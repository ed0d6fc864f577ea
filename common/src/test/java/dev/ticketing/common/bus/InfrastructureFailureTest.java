package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class InfrastructureFailureTest {
    @Test
    void aPoolTimeoutOrALostConnectionIsInfrastructureHoweverDeeplyWrapped() {
        var poolTimeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out");
        assertThat(InfrastructureFailure.is(new IllegalStateException("wrapped", new RuntimeException(poolTimeout)))).isTrue();
        assertThat(InfrastructureFailure.is(new SQLException("An I/O error occurred", "08006"))).isTrue();
        assertThat(InfrastructureFailure.is(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(InfrastructureFailure.is(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(InfrastructureFailure.is(new SQLException("canceling statement due to lock timeout", "55P03"))).isTrue();
        assertThat(InfrastructureFailure.is(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
    }

    /**
     * A handler's transaction whose connection the database terminated: HikariCP closes it, and the rollback
     * fails with its stateless "Connection is closed", which Spring throws instead of the handler's 57P01.
     */
    @Test
    void aRollbackOnAConnectionHikariClosedIsInfrastructure() {
        var rollbackFailed = new RuntimeException("JDBC rollback failed", new SQLException("Connection is closed"));
        assertThat(InfrastructureFailure.is(rollbackFailed)).isTrue();
    }

    @Test
    void aBugOrABadRowIsTheHandlersFailure() {
        assertThat(InfrastructureFailure.is(new IllegalStateException("expiry for unknown order"))).isFalse();
        assertThat(InfrastructureFailure.is(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(InfrastructureFailure.is(new SQLException("no state"))).isFalse();
        assertThat(InfrastructureFailure.is(new NullPointerException())).isFalse();
    }
}
