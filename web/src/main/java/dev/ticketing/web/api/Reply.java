package dev.ticketing.web.api;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * One API answer: status, JSON body, the Set-Cookie headers to pass on and, for a paged list with another
 * page, that page's cursor ({@code after} of the {@code Link rel="next"}; null otherwise).
 */
public record Reply(int status, JsonNode body, List<String> setCookies, String next) {
    static Reply unavailable() {
        return new Reply(503, NullNode.getInstance(), List.of(), null);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The {@code {"errors":[{message, field}]}} of a refusal, or a generic line when the body has none. */
    public FormErrors errors() {
        FormErrors errors = new FormErrors();
        JsonNode list = body.path("errors");
        if (list.isArray() && !list.isEmpty()) {
            list.forEach(e -> errors.add(e.path("field").isString() ? e.path("field").asString() : null,
                    e.path("message").asString("request refused")));
        } else {
            errors.add(null, status == 503 ? "the service is unavailable; try again shortly" : "request refused (" + status + ")");
        }
        return errors;
    }
}
