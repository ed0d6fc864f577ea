package dev.ticketing.web.session;

import dev.ticketing.web.api.Backend;
import dev.ticketing.web.api.FormErrors;
import dev.ticketing.web.api.Reply;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign up, in and out: the users service sets or expires the session cookie; its Set-Cookie is relayed. */
@Controller
class SessionController {
    private final Backend backend;

    SessionController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping({"/signup", "/signin"})
    String form(Model model, jakarta.servlet.http.HttpServletRequest request) {
        return show(model, request.getRequestURI().substring(1), "", FormErrors.none());
    }

    @PostMapping("/signup")
    String signup(@RequestParam String email, @RequestParam String password, Model model, HttpServletResponse response) {
        return submit("signup", email, password, model, response);
    }

    @PostMapping("/signin")
    String signin(@RequestParam String email, @RequestParam String password, Model model, HttpServletResponse response) {
        return submit("signin", email, password, model, response);
    }

    @PostMapping("/signout")
    String signout(@CookieValue(value = Backend.SESSION, required = false) String session, HttpServletResponse response) {
        relayCookies(backend.post("/api/users/signout", session, Map.of()), response);
        return "redirect:/";
    }

    private String submit(String action, String email, String password, Model model, HttpServletResponse response) {
        Reply reply = backend.post("/api/users/" + action, null, Map.of("email", email, "password", password));
        if (reply.ok()) {
            relayCookies(reply, response);
            return "redirect:/";
        }
        response.setStatus(reply.status() == 429 ? 429 : 400);
        return show(model, action, email, reply.errors());
    }

    private static String show(Model model, String action, String email, FormErrors errors) {
        model.addAttribute("action", action);
        model.addAttribute("email", email);
        model.addAttribute("errors", errors);
        return "auth";
    }

    private static void relayCookies(Reply reply, HttpServletResponse response) {
        reply.setCookies().forEach(cookie -> response.addHeader("Set-Cookie", cookie));
    }
}
