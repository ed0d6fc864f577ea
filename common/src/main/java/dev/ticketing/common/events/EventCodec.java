package dev.ticketing.common.events;

import dev.ticketing.common.json.StrictJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for events. Decoding is strict about what a handler relies on: every field of the record must be
 * present (null is allowed only where the record allows it), and the types are {@link StrictJson}'s (no
 * coercion between text and numbers). Unknown fields are ignored so a newer publisher does not poison an
 * older consumer.
 */
public final class EventCodec {
    private static final JsonMapper MAPPER = StrictJson.strictTypes(JsonMapper.builder())
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    public static byte[] encode(Event event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static <E extends Event> E decode(Subject<E> subject, byte[] json) throws PoisonMessageException {
        try {
            return MAPPER.readValue(json, subject.type());
        } catch (JacksonException e) {
            throw new PoisonMessageException(subject.name() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t instanceof JacksonException je ? je.getOriginalMessage() : t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
