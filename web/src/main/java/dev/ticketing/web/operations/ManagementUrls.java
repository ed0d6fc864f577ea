package dev.ticketing.web.operations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where each service's management side is (its /actuator, on loopback, never behind the gateway):
 * {@code ticketing.web.management-urls}, a comma-separated list of {@code name=url} (env MANAGEMENT_URLS), e.g.
 * {@code tickets=http://127.0.0.1:3001,orders=http://127.0.0.1:3002}. Empty: the dashboard has nothing to show.
 */
@Component
class ManagementUrls {
    private final Map<String, String> byService;

    ManagementUrls(@Value("${ticketing.web.management-urls:}") List<String> entries) {
        this.byService = Collections.unmodifiableMap(parse(entries));
    }

    static Map<String, String> parse(List<String> entries) {
        Map<String, String> byService = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry.isBlank()) continue;
            int eq = entry.indexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).strip();
            String url = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (name.isEmpty() || !url.matches("https?://.+")) {
                throw new IllegalArgumentException("ticketing.web.management-urls: '" + entry + "' is not name=http://host:port");
            }
            byService.put(name, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
        return byService;
    }

    Map<String, String> all() {
        return byService;
    }

    List<String> services() {
        return List.copyOf(byService.keySet());
    }

    String of(String service) {
        return byService.get(service);
    }
}
