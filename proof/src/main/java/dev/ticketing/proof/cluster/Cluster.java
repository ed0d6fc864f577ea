package dev.ticketing.proof.cluster;

import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real system for a run: a fresh engine (scripts/engine.sh, temp dir, free ports; one broker node or a
 * cluster whose streams are kept on every node) and every service as its own JVM, K replicas of the
 * replicated service sharing one queue group. On test hosts ({@link #HOSTS}) the parts are spread over hosts of
 * their own: broker node I on host I, PostgreSQL on host 4, the owner and the other services with n1 on host 1,
 * the odd replicas with n2 on host 2 and the even ones with n3 on host 3.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);
    public static final String JWT_KEY = "proof-secret-proof-secret-proof-secret-0123456789";

    /** Test hosts of a run across hosts: three broker hosts and PostgreSQL's. */
    public static final int HOSTS = 4;
    public static final int PG_HOST = 4;

    private final TestEngine engine;
    private final TestHosts hosts;
    private final Path logDir;
    private final ServiceProcess owner;
    private final List<ServiceProcess> others = new ArrayList<>();
    private final List<ServiceProcess> replicas = new ArrayList<>();

    /** Which services run: the owner of the records, the replicated service (K JVMs), any others. */
    public record Layout(String owner, String replicated, List<String> others) {
        public static final Layout TICKETING = new Layout("tickets", "orders", List.of("expiration"));
        public static final Layout ACCOUNTING = new Layout("transactions", "accounts", List.of());
        public static final Layout PURCHASE = new Layout("tickets", "orders", List.of("expiration", "users", "payments"));
    }

    private final Map<String, String> extraEnv;

    private Cluster(TestEngine engine, TestHosts hosts, Path root, Layout layout, int replicas, Path logDir,
                    Map<String, String> extraEnv) throws IOException {
        this.engine = engine;
        this.hosts = hosts;
        this.logDir = logDir;
        this.extraEnv = extraEnv;
        this.owner = service(root, layout.owner(), layout.owner(), 1);
        for (String other : layout.others()) others.add(service(root, other, other, 1));
        for (int i = 1; i <= replicas; i++) {
            this.replicas.add(service(root, layout.replicated(), layout.replicated() + "-" + i, replicaHost(i)));
        }
    }

    /** The host of replica i (1-based) on test hosts: the odd ones on host 2, the even ones on host 3. */
    public static int replicaHost(int i) {
        return i % 2 == 1 ? 2 : 3;
    }

    public static Cluster start(Path root, int replicas) throws Exception {
        return start(root, Layout.TICKETING, replicas, Map.of());
    }

    /** @param extraEnv environment for every service, e.g. ORDERS_EXPIRATION_WINDOW */
    public static Cluster start(Path root, Layout layout, int replicas, Map<String, String> extraEnv) throws Exception {
        return start(root, layout, replicas, extraEnv, 1);
    }

    /** @param natsNodes broker nodes; with more than one, the services keep the streams on every node */
    public static Cluster start(Path root, Layout layout, int replicas, Map<String, String> extraEnv, int natsNodes)
            throws Exception {
        return start(root, layout, replicas, extraEnv, natsNodes, null);
    }

    /**
     * @param fakeClock the service (e.g. "orders-1") to run under libfaketime from its start, with its clock file
     *                  {@code <name>.faketime} in the log dir ({@link ServiceProcess#setClockOffset}); null: none
     */
    public static Cluster start(Path root, Layout layout, int replicas, Map<String, String> extraEnv, int natsNodes,
                                String fakeClock) throws Exception {
        return start(root, layout, replicas, extraEnv, natsNodes, fakeClock, false);
    }

    /** @param onHosts spread over test hosts (scripts/hosts.sh; needs root); the broker then has 3 nodes */
    public static Cluster start(Path root, Layout layout, int replicas, Map<String, String> extraEnv, int natsNodes,
                                String fakeClock, boolean onHosts) throws Exception {
        return start(root, layout, replicas, extraEnv, natsNodes, fakeClock, onHosts, false, EngineSetup.NONE);
    }

    /** On one host, its PostgreSQL durable as {@code ./ticketing up} runs it ({@code durable}) or with fsync off. */
    public static Cluster start(Path root, Layout layout, int replicas, Map<String, String> extraEnv, int natsNodes,
                                boolean durable) throws Exception {
        return start(root, layout, replicas, extraEnv, natsNodes, durable, EngineSetup.NONE);
    }

    /** Same, with {@code setup} applied to the engine before any service starts. */
    public static Cluster start(Path root, Layout layout, int replicas, Map<String, String> extraEnv, int natsNodes,
                                boolean durable, EngineSetup setup) throws Exception {
        return start(root, layout, replicas, extraEnv, natsNodes, null, false, durable, setup);
    }

    /** Work on the engine once it is up and before any service starts, e.g. PostgreSQL settings that need a restart. */
    public interface EngineSetup {
        EngineSetup NONE = engine -> { };

        void apply(TestEngine engine) throws Exception;
    }

    private static Cluster start(Path root, Layout layout, int replicas, Map<String, String> extraEnv, int natsNodes,
                                 String fakeClock, boolean onHosts, boolean durable, EngineSetup setup) throws Exception {
        Path logDir = Files.createTempDirectory("ticketing-proof-logs");
        log.info("starting the engine (nats-server -js on {} node(s), PostgreSQL{}{}) and {} service JVMs; logs in {}",
                natsNodes, durable ? " durable" : " without fsync", onHosts ? ", on test hosts" : "",
                replicas + 1 + layout.others().size(), logDir);
        if (onHosts && natsNodes != 3) throw new IllegalArgumentException("on test hosts the broker has 3 nodes");
        // An engine of its own: closing the cluster stops it, and the next cluster of the JVM starts afresh.
        TestHosts hosts = onHosts ? TestHosts.up(HOSTS) : null;
        TestEngine engine;
        try {
            engine = hosts != null ? TestEngine.onHosts(hosts, natsNodes)
                    : durable ? TestEngine.durable(natsNodes) : TestEngine.start(natsNodes);
        } catch (RuntimeException e) {
            if (hosts != null) hosts.close();
            throw e;
        }
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("NATS_REPLICAS", Integer.toString(natsNodes));
        Cluster c;
        try {
            setup.apply(engine);
            c = new Cluster(engine, hosts, root, layout, replicas, logDir, env);
            if (fakeClock != null) {
                Path clockFile = logDir.resolve(fakeClock + ".faketime");
                c.all().stream().filter(s -> s.name().equals(fakeClock)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no service " + fakeClock + " in this run"))
                        .fakeClock(clockFile);
                log.info("{} runs under libfaketime; its wall clock offset is in {}", fakeClock, clockFile);
            }
        } catch (Exception e) {
            engine.close();
            if (hosts != null) hosts.close();
            throw e;
        }
        // Ctrl-C or kill of the proof or bench must not leave service JVMs behind.
        Runtime.getRuntime().addShutdownHook(new Thread(c::close, "cluster-stop"));
        try {
            for (ServiceProcess s : c.all()) s.start();
            // Generous: on a shared 2-core machine under load a service JVM has taken 4 minutes to start.
            for (ServiceProcess s : c.all()) s.awaitHealthy(Duration.ofSeconds(480));
        } catch (Exception | Error e) {
            c.close(); // the caller gets no cluster to close: stop the JVMs started so far, and the engine
            throw e;
        }
        log.info("all services healthy");
        return c;
    }

    public TestEngine engine() {
        return engine;
    }

    /** The test hosts of a run across hosts, or null. */
    public TestHosts hosts() {
        return hosts;
    }

    /** The service that owns the records (tickets, transactions). */
    public ServiceProcess owner() {
        return owner;
    }

    /** The replicas of the replicated service (orders, accounts), one queue group. */
    public List<ServiceProcess> replicas() {
        return replicas;
    }

    public Path logDir() {
        return logDir;
    }

    /** A service of the layout's others by name, e.g. "payments". */
    public ServiceProcess other(String name) {
        return others.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in this run"));
    }

    public List<ServiceProcess> all() {
        List<ServiceProcess> all = new ArrayList<>(List.of(owner));
        all.addAll(others);
        all.addAll(replicas);
        return all;
    }

    @Override
    public void close() {
        if (hosts != null) hosts.heal(); // services stop gracefully, with their broker and database in reach
        for (ServiceProcess s : all()) {
            try {
                s.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        engine.close();
        if (hosts != null) hosts.close();
    }

    /** A service JVM; on test hosts on {@code host}, listening on its address. */
    private ServiceProcess service(Path root, String module, String name, int host) throws IOException {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("NATS_URL", engine.natsUrl());
        env.put("DATABASE_URL", engine.jdbcUrl(module));
        env.put("JWT_KEY", JWT_KEY);
        ServiceProcess.Placement placement = hosts == null ? ServiceProcess.Placement.HERE
                : new ServiceProcess.Placement(hosts.inside(host), hosts.addr(host));
        return new ServiceProcess(name, jarOf(root, module), TestEngine.freePort(), env, logDir, placement);
    }

    /** The jar of a module built by this reactor (mvn package). */
    public static Path jarOf(Path root, String module) throws IOException {
        Path target = root.resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar in " + target + ": build first (mvn package)"));
        }
    }
}
