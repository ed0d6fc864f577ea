package dev.ticketing.web.live;

import dev.ticketing.web.api.Backend;
import dev.ticketing.web.session.Sessions;
import dev.ticketing.web.session.User;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class LiveController {
    private final LiveHub hub;
    private final Sessions sessions;

    LiveController(LiveHub hub, Sessions sessions) {
        this.hub = hub;
        this.sessions = sessions;
    }

    /** A stream of public changes, and of the signed-in user's own (their account) when there is one. */
    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@CookieValue(value = Backend.SESSION, required = false) String session, HttpServletRequest request) {
        User user = sessions.user(session, request);
        return hub.open(user == null ? null : user.id());
    }
}
