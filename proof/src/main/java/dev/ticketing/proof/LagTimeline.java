package dev.ticketing.proof;

import dev.ticketing.proof.chaos.Strike;
import dev.ticketing.proof.check.Lag;
import dev.ticketing.proof.check.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The records' lags by when the owner wrote them, per second since the drive began, with the strikes on
 * the same clock; and how much of each lag came after the outages it waited through.
 */
final class LagTimeline {
    private final List<Lag> lags;
    private final List<Strike> strikes;
    private final long originMillis;

    LagTimeline(List<Lag> lags, List<Strike> strikes, long originMillis) {
        this.lags = lags;
        this.strikes = strikes;
        this.originMillis = originMillis;
    }

    /**
     * The lag past the outages: replica commit minus the later of the owner commit and the end of the last
     * outage (broker or PostgreSQL away) the record waited through. No pipeline can apply a change while the
     * broker or the database is away; what remains after one is the pipeline's own time.
     */
    double pastOutages(Lag lag) {
        double base = lag.ownerAtMillis();
        for (Strike s : strikes) {
            boolean waitedThrough = s.outage() && s.fromMillis() < lag.replicaAtMillis() && s.upMillis() > lag.ownerAtMillis()
                    && s.upMillis() <= lag.replicaAtMillis();
            if (waitedThrough) base = Math.max(base, s.upMillis());
        }
        return lag.replicaAtMillis() - base;
    }

    List<String> lines() {
        TreeMap<Long, List<Lag>> bySecond = new TreeMap<>();
        for (Lag l : lags) bySecond.computeIfAbsent(second(l.ownerAtMillis()), k -> new ArrayList<>()).add(l);
        TreeMap<Long, List<String>> struck = new TreeMap<>();
        for (Strike s : strikes) struck.computeIfAbsent(second(s.fromMillis()), k -> new ArrayList<>()).add(s.describe(originMillis));
        List<String> lines = new ArrayList<>();
        lines.add("lag timeline (by owner commit, s since the drive began; strikes on the same clock, s):");
        lines.add("     s  records   p50 ms   max ms  past-outage max ms  strikes");
        TreeSet<Long> seconds = new TreeSet<>(bySecond.keySet());
        seconds.addAll(struck.keySet());
        for (long s : seconds) {
            List<Lag> in = bySecond.getOrDefault(s, List.of());
            Percentiles lag = percentiles(in, Lag::millis);
            Percentiles past = percentiles(in, this::pastOutages);
            lines.add(String.format(Locale.ROOT, "%6d %8d %8.0f %8.0f %19.0f  %s", s, in.size(), lag.at(50), lag.max(),
                    past.max(), String.join("; ", struck.getOrDefault(s, List.of()))).stripTrailing());
        }
        Percentiles past = pastOutages();
        lines.add(String.format(Locale.ROOT, "lag past the outages (replica commit - later of owner commit and the end of the "
                + "last broker/PostgreSQL outage in between): p50=%.1f ms p99=%.1f ms max=%.1f ms", past.at(50), past.at(99), past.max()));
        return lines;
    }

    Percentiles pastOutages() {
        return percentiles(lags, this::pastOutages);
    }

    private long second(double epochMillis) {
        return (long) Math.floor((epochMillis - originMillis) / 1000.0);
    }

    private static Percentiles percentiles(List<Lag> lags, Function<Lag, Double> value) {
        return new Percentiles(lags.stream().map(value).toList());
    }
}
