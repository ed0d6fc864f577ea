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
import java.util.ArrayList;
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
     * @param jitSeconds  CPU seconds of the service JVMs' JIT compiler threads, part of {@code cpu}
     * @param brokerIn    messages each broker node received per second (on a cluster, routes included)
     * @param brokerOut   messages each broker node sent per second
     * @param consumers   the consumers the first broker node holds at the end of the phase
     */
    record Result(CpuUse cpu, double jitSeconds, List<Double> brokerIn, List<Double> brokerOut, long consumers, int nodes) {
        /** The run's processes (not the bench itself) as a share of one core. */
        double systemShare() {
            return (cpu.ours() - cpu.of(CpuMeter.BENCH)) / cpu.wallSeconds();
        }

        double share(String process) {
            return cpu.of(process) / cpu.wallSeconds();
        }

        double jitShare() {
            return jitSeconds / cpu.wallSeconds();
        }

        /** The busiest broker node's CPU as a share of one core. */
        double brokerShare() {
            double max = 0;
            for (int n = 1; n <= nodes; n++) max = Math.max(max, share(nodeName(n)));
            return max;
        }

        double brokerInPerSecond() {
            return brokerIn.stream().mapToDouble(Double::doubleValue).sum();
        }

        double brokerOutPerSecond() {
            return brokerOut.stream().mapToDouble(Double::doubleValue).sum();
        }

        /** The busiest node's busier direction. */
        double busiestNodeMessagesPerSecond() {
            double max = 0;
            for (int n = 0; n < nodes; n++) max = Math.max(max, Math.max(brokerIn.get(n), brokerOut.get(n)));
            return max;
        }
    }

    /** The name of broker node n's process in the CPU figures. */
    static String nodeName(int node) {
        return node == 1 ? CpuMeter.NATS : CpuMeter.NATS + "-" + node;
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
        for (int n = 2; n <= nodes; n++) otherNodes.put(nodeName(n), natsPid(engine, n));
        CpuMeter meter = new CpuMeter(ticksPerSecond, natsPid(engine, 1), postmaster, () -> processes(cluster, web, otherNodes));
        List<double[]> before = brokerMessages(engine, nodes);
        long jitBefore = jitTicks(cluster, web);
        CpuMeter.Sample start = meter.sample();
        Thread.sleep(length.toMillis());
        CpuUse cpu = meter.sample().since(start);
        long jitAfter = jitTicks(cluster, web);
        List<double[]> after = brokerMessages(engine, nodes);
        double seconds = cpu.wallSeconds();
        List<Double> in = new ArrayList<>(), out = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            in.add((after.get(n)[0] - before.get(n)[0]) / seconds);
            out.add((after.get(n)[1] - before.get(n)[1]) / seconds);
        }
        return new Result(cpu, Math.max(0, jitAfter - jitBefore) / ticksPerSecond, in, out,
                get(engine.natsMonitorUrl(1) + "/jsz").get("consumers").asLong(), nodes);
    }

    private static long jitTicks(Cluster cluster, WebTier web) {
        return processes(cluster, web, Map.of()).values().stream().mapToLong(ProcStat::compilerTicks).sum();
    }

    /** From the PID file the engine script keeps for each node. */
    private static long natsPid(TestEngine engine, int node) throws IOException {
        Path nats = engine.dir().resolve("nats");
        Path pidFile = (engine.natsNodes() == 1 ? nats : nats.resolve("n" + node)).resolve("nats.pid");
        return Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
    }

    /** Each node's messages in and out so far. */
    private static List<double[]> brokerMessages(TestEngine engine, int nodes) throws IOException, InterruptedException {
        List<double[]> perNode = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            JsonNode varz = get(engine.natsMonitorUrl(n) + "/varz");
            perNode.add(new double[] {varz.get("in_msgs").asDouble(), varz.get("out_msgs").asDouble()});
        }
        return perNode;
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
