package dev.ticketing.web.session;

import dev.ticketing.web.api.Backend;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is signed in (the header shows it). */
@ControllerAdvice
class CurrentUserAdvice {
    static final String ATTRIBUTE = User.MODEL_ATTRIBUTE;
    private final Sessions sessions;

    CurrentUserAdvice(Sessions sessions) {
        this.sessions = sessions;
    }

    @ModelAttribute(ATTRIBUTE)
    User currentUser(@CookieValue(value = Backend.SESSION, required = false) String session, HttpServletRequest request) {
        return sessions.user(session, request);
    }
}
