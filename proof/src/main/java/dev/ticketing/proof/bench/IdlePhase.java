package dev.ticketing.proof.bench;

import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Phase (0), idle: every service as {@code ./ticketing up} starts it (one JVM each, the web tier with the services'
 * management URLs, as its operations dashboard scrapes them), on a fresh engine of its own; after a settling
 * time, no request at all for a while. It measures the CPU of each process and the broker's own figures: the
 * messages it received and sent per second ({@code /varz}) and its consumers ({@code /jsz}).
 */
final class IdlePhase {
    private static final Logger log = LoggerFactory.getLogger(IdlePhase.class);
    static final List<String> SERVICES = List.of("expiration", "users", "payments", "transactions", "accounts");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param consumers the broker's consumers at the end of the phase */
    record Result(CpuUse cpu, double brokerInPerSecond, double brokerOutPerSecond, long consumers) {
        /** The run's processes (not the bench itself) as a share of one core. */
        double systemShare() {
            return (cpu.ours() - cpu.of(CpuMeter.BENCH)) / cpu.wallSeconds();
        }

        double share(String process) {
            return cpu.of(process) / cpu.wallSeconds();
        }
    }

    private IdlePhase() {
    }

    static Result run(Path root, Duration settle, Duration length, double ticksPerSecond) throws Exception {
        Cluster.Layout everyService = new Cluster.Layout("tickets", "orders", SERVICES);
        try (Cluster cluster = Cluster.start(root, everyService, 1, Map.of())) {
            ServiceProcess web = startWeb(root, cluster);
            try {
                log.info("(0) idle: every service up; settling {} s, then {} s without a request", settle.toSeconds(),
                        length.toSeconds());
                Thread.sleep(settle.toMillis());
                return measure(cluster, web, length, ticksPerSecond);
            } finally {
                web.stop();
            }
        }
    }

    private static ServiceProcess startWeb(Path root, Cluster cluster) throws Exception {
        String managementUrls = cluster.all().stream().map(s -> s.name() + "=" + s.url()).collect(Collectors.joining(","));
        ServiceProcess web = new ServiceProcess("web", Cluster.jarOf(root, "web"), TestEngine.freePort(),
                Map.of("NATS_URL", cluster.engine().natsUrl(), "API_URL", cluster.owner().url(),
                        "MANAGEMENT_URLS", managementUrls, "JWT_KEY", Cluster.JWT_KEY), cluster.logDir(),
                ServiceProcess.Placement.HERE);
        web.start();
        web.awaitHealthy(Duration.ofSeconds(120));
        return web;
    }

    private static Result measure(Cluster cluster, ServiceProcess web, Duration length, double ticksPerSecond)
            throws Exception {
        TestEngine engine = cluster.engine();
        long nats = ProcStat.findListening("nats-server", engine.natsPort(1))
                .orElseThrow(() -> new IllegalStateException("nats-server not found in /proc"));
        long postmaster = ProcStat.findListening("postgres", engine.pgPort())
                .orElseThrow(() -> new IllegalStateException("postgres not found in /proc"));
        CpuMeter meter = new CpuMeter(ticksPerSecond, nats, postmaster, () -> jvms(cluster, web));
        String monitor = engine.natsMonitorUrl(1);
        JsonNode varzBefore = get(monitor + "/varz");
        CpuMeter.Sample before = meter.sample();
        Thread.sleep(length.toMillis());
        CpuUse cpu = meter.sample().since(before);
        JsonNode varzAfter = get(monitor + "/varz");
        double seconds = cpu.wallSeconds();
        return new Result(cpu, delta(varzBefore, varzAfter, "in_msgs") / seconds,
                delta(varzBefore, varzAfter, "out_msgs") / seconds, get(monitor + "/jsz").get("consumers").asLong());
    }

    private static Map<String, Long> jvms(Cluster cluster, ServiceProcess web) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ServiceProcess s : cluster.all()) if (s.isAlive()) pids.put(s.name(), s.pid());
        if (web.isAlive()) pids.put(web.name(), web.pid());
        return pids;
    }

    private static double delta(JsonNode before, JsonNode after, String field) {
        return after.get(field).asDouble() - before.get(field).asDouble();
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(url + " answered " + r.statusCode());
        return TestJson.read(r.body());
    }
}
