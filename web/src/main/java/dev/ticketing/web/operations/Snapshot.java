package dev.ticketing.web.operations;

import dev.ticketing.web.operations.LagSeries.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the dashboard shows, as pushed to it (JSON): per service and consumer, the latest figures and the lag series. */
record Snapshot(long at, long windowSeconds, List<Service> services, DeadLetters deadLetters) {

    record Service(String name, boolean up, Double outboxPending, Double outboxOldestAgeSeconds, Double outboxRepublished,
                   List<Consumer> consumers) {
    }

    record Consumer(String consumer, Double pending, Double ackPending, double applied, double redeliveries,
                    double failures, double deadLettered, DeadLetters.Count deadLetters, List<Point> lag) {
    }

    /** @param ticks oldest first; the services in their configured order */
    static Snapshot of(List<Tick> ticks, List<String> services, DeadLetters deadLetters, long windowSeconds) {
        Tick latest = ticks.isEmpty() ? null : ticks.get(ticks.size() - 1);
        List<Service> rows = new ArrayList<>();
        for (String name : services) {
            ServiceFigures f = latest == null ? null : latest.services().get(name);
            if (f == null) f = ServiceFigures.down(name);
            List<Consumer> consumers = new ArrayList<>();
            for (ServiceFigures.Consumer c : f.consumers()) {
                consumers.add(new Consumer(c.consumer(), c.pending(), c.ackPending(), c.applied(), c.redeliveries(),
                        c.failures(), c.deadLettered(), deadLetters.count(c.consumer()),
                        LagSeries.of(ticks, name, c.consumer())));
            }
            rows.add(new Service(name, f.up(), f.outboxPending(), f.outboxOldestAgeSeconds(), f.outboxRepublished(),
                    consumers));
        }
        return new Snapshot(latest == null ? 0 : latest.at().toEpochMilli(), windowSeconds, rows,
                deadLetters);
    }

    /** The service whose latest figures list the consumer, or null. */
    static String serviceOf(Tick tick, String consumer) {
        if (tick == null) return null;
        for (Map.Entry<String, ServiceFigures> e : tick.services().entrySet()) {
            if (e.getValue().consumer(consumer) != null) return e.getKey();
        }
        return null;
    }
}
