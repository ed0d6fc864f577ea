package dev.ticketing.users.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.users.UsersIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AttemptPurgeTest extends UsersIntegrationTest {
    @Autowired
    AttemptPurge purge;

    @Test
    void onlyRowsWithAnEndedWindowAndNoRunningLockOutAreDeleted() {
        String ended = row("ended", "now() - interval '1 minute'", "null");
        String lockServed = row("served", "now() - interval '1 minute'", "now() - interval '1 second'");
        String inWindow = row("window", "now() + interval '1 minute'", "null");
        String locked = row("locked", "now() - interval '1 minute'", "now() + interval '1 minute'");

        purge.purge();

        assertThat(exists(ended)).isFalse();
        assertThat(exists(lockServed)).isFalse();
        assertThat(exists(inWindow)).isTrue();
        assertThat(exists(locked)).isTrue();
    }

    private String row(String name, String windowEndsAt, String lockedUntil) {
        String key = newEmail(name).toLowerCase();
        jdbc.update("insert into sign_in_attempts (email_key, failures, window_ends_at, locked_until) values (?, 1, "
                + windowEndsAt + ", " + lockedUntil + ")", key);
        return key;
    }

    private boolean exists(String key) {
        return jdbc.queryForObject("select count(*) from sign_in_attempts where email_key = ?", Long.class, key) == 1;
    }
}
