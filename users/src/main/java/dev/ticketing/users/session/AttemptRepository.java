package dev.ticketing.users.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Sign-in attempts per email key in PostgreSQL, so every replica counts the same. */
@Repository
class AttemptRepository {
    private final JdbcTemplate jdbc;

    AttemptRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The database clock: replicas may disagree on the time, they share the database. */
    Instant now() {
        return jdbc.queryForObject("select clock_timestamp()", OffsetDateTime.class).toInstant();
    }

    /**
     * The email's attempts, locked until the transaction ends. An absent row is created first: "for update"
     * on a missing row locks nothing, and two concurrent first attempts would both count from zero.
     */
    Attempts lock(String emailKey) {
        jdbc.update("insert into sign_in_attempts (email_key) values (?) on conflict (email_key) do nothing", emailKey);
        return jdbc.queryForObject("select failures, window_ends_at, locked_until from sign_in_attempts "
                + "where email_key = ? for update", AttemptRepository::map, emailKey);
    }

    /** Writes the attempts of a row the caller has locked. */
    void save(String emailKey, Attempts a) {
        jdbc.update("update sign_in_attempts set failures = ?, window_ends_at = ?, locked_until = ? where email_key = ?",
                a.failures(), utc(a.windowEndsAt()), utc(a.lockedUntil()), emailKey);
    }

    void delete(String emailKey) {
        jdbc.update("delete from sign_in_attempts where email_key = ?", emailKey);
    }

    /** Rows that say no more than an absent row: window over, no lock-out running. */
    int deleteEnded() {
        return jdbc.update("delete from sign_in_attempts where window_ends_at < clock_timestamp() "
                + "and (locked_until is null or locked_until < clock_timestamp())");
    }

    private static Attempts map(ResultSet rs, int row) throws SQLException {
        return new Attempts(rs.getInt("failures"), instant(rs, "window_ends_at"), instant(rs, "locked_until"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
