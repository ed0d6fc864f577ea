package dev.ticketing.proof.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.logging.LogEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser's requests, from chromium's performance log (its DevTools Network events), in the order they
 * were made. Chromedriver hands each log entry out once: this keeps what it was handed.
 */
final class NetworkLog {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HTTP = Pattern.compile("https?://[^/?#]*([^?#]*)");

    /** status: the answer's (0 until it came); failed: it never will (e.g. cancelled by a navigation). */
    record Request(String url, String type, int status, boolean failed) {
        /** The path of an http(s) URL; any other (data:, about:blank) whole. */
        String path() {
            Matcher http = HTTP.matcher(url);
            return http.lookingAt() ? http.group(1) : url;
        }

        boolean answered() {
            return status > 0 || failed;
        }

        /** A stream (server-sent events) answers with its headers, then stays open. */
        boolean stream() {
            return "EventSource".equals(type);
        }
    }

    private final Map<String, Request> byId = new LinkedHashMap<>();

    /** Takes in the new entries; returns every request so far. */
    List<Request> add(List<LogEntry> entries) {
        for (LogEntry entry : entries) take(JSON.readTree(entry.getMessage()).path("message"));
        return new ArrayList<>(byId.values());
    }

    private void take(JsonNode event) {
        JsonNode params = event.path("params");
        String id = params.path("requestId").asString();
        Request known = byId.get(id);
        switch (event.path("method").asString()) {
            case "Network.requestWillBeSent" -> byId.put(id, new Request(params.path("request").path("url").asString(),
                    params.path("type").asString(), 0, false)); // again on a redirect: then the new URL
            case "Network.responseReceived" -> {
                if (known != null) byId.put(id, new Request(known.url(), known.type(), params.path("response").path("status").asInt(), false));
            }
            case "Network.loadingFailed" -> {
                if (known != null) byId.put(id, new Request(known.url(), known.type(), known.status(), true));
            }
            default -> { }
        }
    }
}
