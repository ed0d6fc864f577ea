package dev.ticketing.web.session;

import dev.ticketing.web.api.Backend;
import dev.ticketing.web.api.Reply;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is signed in (the header shows it); asked of the users service, once per page. */
@ControllerAdvice
class CurrentUserAdvice {
    static final String ATTRIBUTE = User.MODEL_ATTRIBUTE;
    private final Backend backend;

    CurrentUserAdvice(Backend backend) {
        this.backend = backend;
    }

    @ModelAttribute(ATTRIBUTE)
    User currentUser(@CookieValue(value = Backend.SESSION, required = false) String session, HttpServletRequest request) {
        if (session == null || session.isBlank()) return null;
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof User user) return user;
        Reply reply = backend.get("/api/users/currentuser", session);
        if (!reply.ok() || !reply.body().path("currentUser").isObject()) return null;
        User user = backend.read(reply.body().path("currentUser"), User.class);
        request.setAttribute(ATTRIBUTE, user);
        return user;
    }
}
