package dev.ticketing.spring.events;

import dev.ticketing.common.bus.BatchScope;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.ListenerObserver;
import dev.ticketing.common.bus.ListenerOptions;
import dev.ticketing.common.bus.ListenerStats;
import dev.ticketing.common.bus.RunningListener;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * Starts every {@link Listener} bean once the application is up, and stops them gracefully (message in
 * hand finished, the rest released) before the connection closes.
 */
public class ListenerLifecycle implements SmartLifecycle {
    private final EventBus bus;
    private final List<Listener<?>> listeners;
    private final ListenerOptions options;
    private final BatchScope scope;
    private final ListenerObserver observer;
    private final List<RunningListener<?>> running = new ArrayList<>();

    public ListenerLifecycle(EventBus bus, List<Listener<?>> listeners, ListenerOptions options, BatchScope scope,
                             ListenerObserver observer) {
        this.bus = bus;
        this.listeners = listeners;
        this.options = options;
        this.scope = scope;
        this.observer = observer;
    }

    @Override
    public synchronized void start() {
        for (Listener<?> l : listeners) running.add(bus.listen(l, options, scope, observer));
    }

    @Override
    public synchronized void stop() {
        for (RunningListener<?> r : running) r.close();
        running.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !running.isEmpty();
    }

    public synchronized List<RunningListener<?>> running() {
        return List.copyOf(running);
    }

    public List<Listener<?>> listeners() {
        return listeners;
    }

    /** The counters of the running listener with that durable name; zeros when it does not run. */
    public synchronized ListenerStats statsOf(String durableName) {
        return running.stream().filter(r -> r.listener().durableName().equals(durableName))
                .map(RunningListener::stats).findFirst().orElse(NOT_RUNNING);
    }

    private static final ListenerStats NOT_RUNNING = new ListenerStats();
}
