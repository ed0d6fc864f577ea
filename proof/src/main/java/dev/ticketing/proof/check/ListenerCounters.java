package dev.ticketing.proof.check;

import dev.ticketing.common.testing.TestJson;
import dev.ticketing.proof.cluster.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the replicas' listener counters (Micrometer, /actuator/metrics) every second and keeps the last
 * value seen per process incarnation, so the counts of a replica killed with -9 are not lost in the sum.
 */
public final class ListenerCounters implements AutoCloseable {
    private static final List<String> NAMES = List.of("redeliveries", "not_yet", "failures", "infrastructure_failures",
            "dead_lettered", "foreign");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<ServiceProcess> replicas;
    private final Map<String, Double> last = new ConcurrentHashMap<>();
    private final Thread thread = new Thread(this::loop, "listener-counters");
    private volatile boolean running = true;

    public ListenerCounters(List<ServiceProcess> replicas) {
        this.replicas = replicas;
        thread.setDaemon(true);
        thread.start();
    }

    /** The sum over every incarnation of every replica. */
    public long total(String name) {
        return Math.round(last.entrySet().stream().filter(e -> e.getKey().endsWith("/" + name))
                .mapToDouble(Map.Entry::getValue).sum());
    }

    public void scrapeNow() {
        for (ServiceProcess r : replicas) {
            for (String name : NAMES) {
                Double v = read(r, name);
                if (v != null) last.merge(r.name() + "#" + r.incarnation() + "/" + name, v, Math::max);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        scrapeNow();
    }

    private void loop() {
        while (running) {
            scrapeNow();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Double read(ServiceProcess r, String name) {
        try {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(r.url()
                            + "/actuator/metrics/ticketing.listener." + name)).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) return null;
            return TestJson.read(resp.body()).get("measurements").get(0).get("value").asDouble();
        } catch (Exception e) {
            return null;
        }
    }
}
