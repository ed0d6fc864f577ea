package dev.ticketing.web.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The dead letters as the admin endpoint (/actuator/deadletters) lists them: counts per consumer and the newest
 * {@link #SHOWN} of them. Every service sees the one dead-letter stream; {@code from} is the service that answered.
 *
 * @param known false until one service answered (none configured, or none reachable)
 */
record DeadLetters(boolean known, String from, Map<String, Count> counts, List<Item> items) {
    static final int SHOWN = 50;

    record Count(long total, long replayed) {
    }

    /** @param service the service to replay it through: the one running its consumer, else {@code from} */
    record Item(long sequence, String consumer, String service, String originalSubject, long deliveries,
                String error, String time, String replayedAt) {
    }

    static DeadLetters unknown() {
        return new DeadLetters(false, null, Map.of(), List.of());
    }

    /** @param serviceOf the service running a consumer, or null when none does */
    static DeadLetters of(String from, JsonNode listing, Function<String, String> serviceOf) {
        Map<String, Count> counts = new LinkedHashMap<>();
        listing.path("consumers").properties().forEach(e ->
                counts.put(e.getKey(), new Count(e.getValue().path("total").asLong(), e.getValue().path("replayed").asLong())));
        List<Item> items = new ArrayList<>();
        for (JsonNode d : listing.path("deadLetters")) {
            String consumer = d.path("consumer").asString("");
            String owner = serviceOf.apply(consumer);
            items.add(new Item(d.path("sequence").asLong(), consumer, owner == null ? from : owner,
                    d.path("originalSubject").asString(""), d.path("deliveries").asLong(), d.path("error").asString(""),
                    d.path("time").asString(""), d.path("replayedAt").isNull() ? null : d.path("replayedAt").asString(null)));
        }
        Collections.reverse(items); // newest first
        return new DeadLetters(true, from, counts, List.copyOf(items.subList(0, Math.min(SHOWN, items.size()))));
    }

    Count count(String consumer) {
        return counts.getOrDefault(consumer, new Count(0, 0));
    }
}
