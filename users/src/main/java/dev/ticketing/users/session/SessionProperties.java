package dev.ticketing.users.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.session.*}.
 *
 * @param lifetime     how long a session token (and its cookie) is valid
 * @param secureCookie send the cookie over HTTPS only; off by default because the local origin is plain http
 * @param maxFailures  wrong passwords for one email within {@code failureWindow} that lock its sign-in
 * @param lockout      how long sign-in stays locked (429) after that
 */
@ConfigurationProperties("ticketing.session")
record SessionProperties(
        @DefaultValue("8h") Duration lifetime,
        @DefaultValue("false") boolean secureCookie,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("60s") Duration lockout) {

    SessionProperties {
        if (maxFailures < 1) throw new IllegalArgumentException("ticketing.session.max-failures must be at least 1");
    }
}
