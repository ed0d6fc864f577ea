package dev.ticketing.web.session;

import dev.ticketing.web.api.Backend;
import dev.ticketing.web.api.Reply;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** Who a session cookie belongs to, as the users service says: asked once per request. */
@Component
public class Sessions {
    private static final String ATTRIBUTE = Sessions.class.getName() + ".user";
    private final Backend backend;

    Sessions(Backend backend) {
        this.backend = backend;
    }

    /** The signed-in user, or null for no cookie, an expired one or no answer. */
    public User user(String session, HttpServletRequest request) {
        if (session == null || session.isBlank()) return null;
        if (request.getAttribute(ATTRIBUTE) instanceof User known) return known;
        Reply reply = backend.get("/api/users/currentuser", session);
        if (!reply.ok() || !reply.body().path("currentUser").isObject()) return null;
        User user = backend.read(reply.body().path("currentUser"), User.class);
        request.setAttribute(ATTRIBUTE, user);
        return user;
    }
}
