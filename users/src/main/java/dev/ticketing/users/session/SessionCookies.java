package dev.ticketing.users.session;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.auth.JwtIssuer;
import dev.ticketing.users.account.User;
import java.time.Duration;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/** The {@code session} cookie: the raw JWT every service verifies (JwtVerifier reads a cookie of this name). */
@Component
public class SessionCookies {
    static final String NAME = "session";
    private final JwtIssuer issuer;
    private final SessionProperties props;
    private final Admins admins;

    SessionCookies(JwtIssuer issuer, SessionProperties props, Admins admins) {
        this.issuer = issuer;
        this.props = props;
        this.admins = admins;
    }

    public ResponseCookie signedIn(User user) {
        String jwt = issuer.issue(new CurrentUser(user.id(), user.email(), admins.isAdmin(user.email())), props.lifetime());
        return cookie(jwt, props.lifetime());
    }

    /** Expires the cookie; same attributes, or the browser would keep it. */
    public ResponseCookie signedOut() {
        return cookie("", Duration.ZERO);
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .secure(props.secureCookie())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
