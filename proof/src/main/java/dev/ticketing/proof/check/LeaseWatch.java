package dev.ticketing.proof.check;

import tools.jackson.databind.JsonNode;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.proof.cluster.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the partition leases did during a run, from what each replica consumes ({@code /actuator/partitions}),
 * read every {@link #EVERY}: how often a listener's partition changed hands, and for how long two replicas or
 * more consumed one partition at once (partition-seconds, at the sampling's resolution), and for how long a
 * partition had no consumer (the failover after a replica is killed or paused: from the first sample without
 * one to the first with one, so up to one sampling interval short). A replica that does not answer (killed,
 * paused) counts as consuming nothing.
 */
public final class LeaseWatch implements AutoCloseable {
    static final Duration EVERY = Duration.ofMillis(250);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final List<ServiceProcess> replicas;
    private final Thread thread = new Thread(this::loop, "lease-watch");
    /** Per "durable/partition": the replicas that consumed it at the last sample where any did. */
    private final Map<String, Set<String>> owners = new HashMap<>();
    private volatile boolean running = true;
    private final Map<String, Long> unconsumedSince = new HashMap<>();
    /** Each time a partition had no consumer: from the first sample without one to the first with one (wall clock ms). */
    private final List<long[]> gapsMillis = new java.util.ArrayList<>();
    private long handOvers;
    private long doubleSamples;
    private long gaps;
    private long longestGapMillis;

    public LeaseWatch(List<ServiceProcess> replicas) {
        this.replicas = replicas;
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }

    /** Times a partition's set of consuming replicas changed (a time with none in between does not count). */
    public synchronized long handOvers() {
        return handOvers;
    }

    /** Partition-seconds during which two replicas or more consumed one partition. */
    public synchronized double doubleConsumedSeconds() {
        return doubleSamples * EVERY.toMillis() / 1000.0;
    }

    /** The longest time a partition had no consumer, in ms (0 when none ever lost its consumer). */
    public synchronized long longestGapMillis() {
        return longestGapMillis;
    }

    public String describe() {
        return String.format(Locale.ROOT, "leases: %d changes of the replicas consuming a partition; %.2f partition-seconds with two replicas "
                + "consuming one partition; %d times a partition had no consumer, the longest for %d ms (sampled every %d ms)",
                handOvers(), doubleConsumedSeconds(), gaps(), longestGapMillis(), EVERY.toMillis());
    }

    private synchronized long gaps() {
        return gaps;
    }

    /**
     * The longest time from a kill to the moment every partition the killed replica held had a consumer again:
     * over the gaps that began within a second of one of the kills (wall clock ms); -1 when no gap followed one.
     */
    public synchronized long longestFailoverAfter(List<Long> killMillis) {
        long longest = -1;
        for (long kill : killMillis) {
            for (long[] gap : gapsMillis) {
                if (gap[0] >= kill && gap[0] <= kill + 1000) longest = Math.max(longest, gap[1] - kill);
            }
        }
        return longest;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        Map<String, Set<String>> now = new HashMap<>();
        for (ServiceProcess r : replicas) {
            JsonNode owned = read(r);
            if (owned == null) continue;
            for (Map.Entry<String, JsonNode> e : owned.properties()) {
                for (JsonNode p : e.getValue()) now.computeIfAbsent(e.getKey() + "/" + p.asInt(), k -> new HashSet<>()).add(r.name());
            }
        }
        long at = System.currentTimeMillis();
        synchronized (this) {
            for (String known : owners.keySet()) {
                if (!now.containsKey(known)) unconsumedSince.putIfAbsent(known, at);
            }
            for (String consumed : now.keySet()) {
                Long since = unconsumedSince.remove(consumed);
                if (since == null) continue;
                gaps++;
                gapsMillis.add(new long[] {since, at});
                longestGapMillis = Math.max(longestGapMillis, at - since);
            }
            for (Map.Entry<String, Set<String>> e : now.entrySet()) {
                Set<String> before = owners.put(e.getKey(), e.getValue());
                if (before != null && !before.equals(e.getValue())) handOvers++;
                if (e.getValue().size() > 1) doubleSamples++;
            }
        }
    }

    private JsonNode read(ServiceProcess r) {
        try {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(r.url() + "/actuator/partitions"))
                    .timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.ofString());
            return resp.statusCode() == 200 ? TestJson.read(resp.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
