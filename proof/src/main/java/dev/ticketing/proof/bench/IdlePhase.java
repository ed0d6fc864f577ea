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

    /**
     * @param brokerInPerSecond  messages every broker node received, summed (on a cluster, routes included)
     * @param consumers          the consumers the first broker node holds at the end of the phase
     */
    record Result(CpuUse cpu, double brokerInPerSecond, double brokerOutPerSecond, long consumers, int nodes) {
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

    /** {@code nodes}: the broker's, 1 as {@code up} starts it or 3 as {@code up --cluster} does. */
    static Result run(Path root, Duration settle, Duration length, double ticksPerSecond, int nodes, boolean durable)
            throws Exception {
        Cluster.Layout everyService = new Cluster.Layout("tickets", "orders", SERVICES);
        try (Cluster cluster = Cluster.start(root, everyService, 1, Map.of(), nodes, durable);
             WebTier web = WebTier.start(root, cluster)) {
            log.info("(0) idle: every service up; settling {} s, then {} s without a request", settle.toSeconds(),
                    length.toSeconds());
            Thread.sleep(settle.toMillis());
            return measure(cluster, web, length, ticksPerSecond, nodes);
        }
    }

    private static Result measure(Cluster cluster, WebTier web, Duration length, double ticksPerSecond, int nodes)
            throws Exception {
        TestEngine engine = cluster.engine();
        long postmaster = ProcStat.findListening("postgres", engine.pgPort())
                .orElseThrow(() -> new IllegalStateException("postgres not found in /proc"));
        Map<String, Long> otherNodes = new LinkedHashMap<>();
        for (int n = 2; n <= nodes; n++) otherNodes.put(CpuMeter.NATS + "-" + n, natsPid(engine, n));
        CpuMeter meter = new CpuMeter(ticksPerSecond, natsPid(engine, 1), postmaster, () -> processes(cluster, web, otherNodes));
        double[] before = brokerMessages(engine, nodes);
        CpuMeter.Sample start = meter.sample();
        Thread.sleep(length.toMillis());
        CpuUse cpu = meter.sample().since(start);
        double[] after = brokerMessages(engine, nodes);
        double seconds = cpu.wallSeconds();
        return new Result(cpu, (after[0] - before[0]) / seconds, (after[1] - before[1]) / seconds,
                get(engine.natsMonitorUrl(1) + "/jsz").get("consumers").asLong(), nodes);
    }

    /** From the PID file the engine script keeps for each node. */
    private static long natsPid(TestEngine engine, int node) throws IOException {
        Path nats = engine.dir().resolve("nats");
        Path pidFile = (engine.natsNodes() == 1 ? nats : nats.resolve("n" + node)).resolve("nats.pid");
        return Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
    }

    /** Messages in and out, summed over the broker's nodes. */
    private static double[] brokerMessages(TestEngine engine, int nodes) throws IOException, InterruptedException {
        double[] inOut = new double[2];
        for (int n = 1; n <= nodes; n++) {
            JsonNode varz = get(engine.natsMonitorUrl(n) + "/varz");
            inOut[0] += varz.get("in_msgs").asDouble();
            inOut[1] += varz.get("out_msgs").asDouble();
        }
        return inOut;
    }

    private static Map<String, Long> processes(Cluster cluster, WebTier web, Map<String, Long> otherNodes) {
        Map<String, Long> pids = new LinkedHashMap<>(otherNodes);
        for (ServiceProcess s : cluster.all()) if (s.isAlive()) pids.put(s.name(), s.pid());
        web.addTo(pids);
        return pids;
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(url + " answered " + r.statusCode());
        return TestJson.read(r.body());
    }
}
