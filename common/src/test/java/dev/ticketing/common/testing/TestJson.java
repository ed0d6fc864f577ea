package dev.ticketing.common.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON in tests: responses and payloads read as a tree, request bodies written from maps. */
public final class TestJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TestJson() {
    }

    public static JsonNode read(String json) {
        return MAPPER.readTree(json);
    }

    public static JsonNode read(byte[] json) {
        return MAPPER.readTree(json);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
