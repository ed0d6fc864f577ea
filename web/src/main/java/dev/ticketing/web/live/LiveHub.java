package dev.ticketing.web.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent event streams of this process. A change is pushed as its kind and record id only
 * ({@code ticket} / {@code order}); a page re-fetches what it shows through the APIs, which check who may
 * see it. A change of one user's own ({@code account}: their transaction number) goes only to that user's
 * streams. A stream lasts a few minutes, then the browser reconnects (and its page catches up).
 */
@Component
class LiveHub {
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(5);
    private static final long HEARTBEAT_SECONDS = 20;
    private static final Duration RETRY_WHILE_CLOSING = Duration.ofSeconds(3);

    private static final String NO_ONE = "";
    /** Each open stream and the user signed in on it ({@link #NO_ONE} for none). */
    private final Map<SseEmitter, String> streams = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-heartbeat");
        t.setDaemon(true);
        return t;
    });

    LiveHub() {
        heartbeat.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** A stream for the user of that id, or for no one in particular (null). */
    SseEmitter open(String userId) {
        if (closing) return goElsewhere();
        SseEmitter stream = new SseEmitter(STREAM_LIFETIME.toMillis());
        streams.put(stream, userId == null ? NO_ONE : userId);
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(stream::complete);
        stream.onError(e -> streams.remove(stream));
        send(stream, SseEmitter.event().comment("open"));
        return stream;
    }

    void publish(String kind, String id) {
        for (SseEmitter stream : streams.keySet()) send(stream, SseEmitter.event().name(kind).data(id));
    }

    void publishTo(String userId, String kind, String data) {
        streams.forEach((stream, user) -> {
            if (user.equals(userId)) send(stream, SseEmitter.event().name(kind).data(data));
        });
    }

    int openStreams() {
        return streams.size();
    }

    /**
     * Open streams would hold the graceful shutdown until they time out: end them first. Browsers reconnect
     * at once; while this process drains, they are told to come back a little later (maybe to another replica).
     */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        closing = true;
        heartbeat.shutdownNow();
        streams.keySet().forEach(SseEmitter::complete);
        streams.clear();
    }

    private static SseEmitter goElsewhere() {
        SseEmitter stream = new SseEmitter(1000L);
        try {
            stream.send(SseEmitter.event().reconnectTime(RETRY_WHILE_CLOSING.toMillis()).comment("closing"));
        } catch (IOException e) {
            // the browser is gone already
        }
        stream.complete();
        return stream;
    }

    private void heartbeat() {
        for (SseEmitter stream : streams.keySet()) send(stream, SseEmitter.event().comment("keep-alive"));
    }

    private void send(SseEmitter stream, SseEmitter.SseEventBuilder event) {
        try {
            synchronized (stream) {
                stream.send(event);
            }
        } catch (IOException | IllegalStateException e) {
            streams.remove(stream); // the browser went away
        }
    }
}
