package dev.ticketing.web.operations;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboards open in browsers: server-sent event streams, each pushed every snapshot ({@code snapshot}, JSON).
 * A stream lasts a few minutes, then the browser reconnects (and the admin check is made again).
 */
@Component
class OperationsStreams {
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(5);
    static final String EVENT = "snapshot";
    private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /** @param current the latest snapshot, sent at once */
    SseEmitter open(String current) {
        SseEmitter stream = new SseEmitter(STREAM_LIFETIME.toMillis());
        if (closing) {
            stream.complete();
            return stream;
        }
        streams.add(stream);
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(stream::complete);
        stream.onError(e -> streams.remove(stream));
        send(stream, current);
        return stream;
    }

    boolean watched() {
        return !streams.isEmpty();
    }

    void push(String snapshot) {
        for (SseEmitter stream : streams) send(stream, snapshot);
    }

    /** Open streams would hold the graceful shutdown until they time out: end them first. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        closing = true;
        streams.forEach(SseEmitter::complete);
        streams.clear();
    }

    private void send(SseEmitter stream, String snapshot) {
        try {
            synchronized (stream) {
                stream.send(SseEmitter.event().name(EVENT).data(snapshot));
            }
        } catch (IOException | IllegalStateException e) {
            streams.remove(stream); // the browser went away
        }
    }
}
