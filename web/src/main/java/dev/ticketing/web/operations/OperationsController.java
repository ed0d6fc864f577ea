package dev.ticketing.web.operations;

import dev.ticketing.web.session.User;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live operations dashboard, for admins only: the page, its stream of snapshots, and replaying a dead letter
 * (a form post, as every form of the site: the session cookie is SameSite=Lax, so no other site's page can send it).
 */
@Controller
@RequestMapping("/admin/operations")
class OperationsController {
    private final OperationsMonitor monitor;
    private final OperationsStreams streams;
    private final ManagementUrls urls;
    private final ManagementClient management;

    OperationsController(OperationsMonitor monitor, OperationsStreams streams, ManagementUrls urls,
                         ManagementClient management) {
        this.monitor = monitor;
        this.streams = streams;
        this.urls = urls;
        this.management = management;
    }

    @GetMapping
    String page(Model model, HttpServletResponse response) {
        String refused = refusal(model, response);
        if (refused != null) return refused;
        model.addAttribute("configured", !urls.all().isEmpty());
        model.addAttribute("window", OperationsMonitor.WINDOW.toMinutes());
        return "operations";
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> live(Model model) {
        if (!isAdmin(model)) return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        SseEmitter stream = streams.open(monitor.current());
        monitor.dashboardOpened();
        return ResponseEntity.ok(stream);
    }

    @PostMapping("/deadletters/{sequence}/replay")
    String replay(@PathVariable long sequence, @RequestParam String service, Model model, HttpServletResponse response) {
        String refused = refusal(model, response);
        if (refused != null) return refused;
        String url = urls.of(service);
        if (url == null) throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no service " + service);
        try {
            if (management.replay(url, sequence).isEmpty()) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, service + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE);
        }
        monitor.refreshDeadLetters();
        return "redirect:/admin/operations?replayed=" + sequence;
    }

    /** The page to show instead when not an admin's request: sign in first, or 403. */
    private static String refusal(Model model, HttpServletResponse response) {
        if (model.getAttribute(User.MODEL_ATTRIBUTE) == null) return "redirect:/signin";
        if (isAdmin(model)) return null;
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "operations-forbidden";
    }

    private static boolean isAdmin(Model model) {
        return model.getAttribute(User.MODEL_ATTRIBUTE) instanceof User user && user.admin();
    }
}
