package dev.ticketing.web.operations;

import dev.ticketing.web.operations.ServiceFigures.Consumer;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer's replica lag over the ring of scrapes: for each interval between two scrapes, the mean lag of the
 * events it applied then (the lag histogram's sum and count, differenced). An interval with nothing applied is
 * 0 when nothing waits for the consumer either, and unknown (null) when something does; so is an interval across
 * a restart (the counters went back) or one the service did not answer in.
 */
final class LagSeries {
    private LagSeries() {
    }

    record Point(long at, Double seconds) {
    }

    static List<Point> of(List<Tick> ticks, String service, String consumer) {
        List<Point> points = new ArrayList<>();
        for (int i = 1; i < ticks.size(); i++) {
            Consumer before = figures(ticks.get(i - 1), service, consumer);
            Consumer now = figures(ticks.get(i), service, consumer);
            points.add(new Point(ticks.get(i).at().toEpochMilli(), meanLag(before, now)));
        }
        return points;
    }

    static Double meanLag(Consumer before, Consumer now) {
        if (before == null || now == null) return null;
        double applied = now.lagCount() - before.lagCount();
        if (applied > 0) return (now.lagSum() - before.lagSum()) / applied;
        if (applied < 0) return null;
        return idle(now) ? 0.0 : null;
    }

    private static boolean idle(Consumer c) {
        return c.pending() != null && c.pending() == 0 && c.ackPending() != null && c.ackPending() == 0;
    }

    private static Consumer figures(Tick tick, String service, String consumer) {
        ServiceFigures figures = tick.services().get(service);
        return figures == null ? null : figures.consumer(consumer);
    }
}
