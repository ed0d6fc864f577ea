package dev.ticketing.common.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real engine for tests: a nats-server with JetStream (or a cluster of broker nodes) and a PostgreSQL
 * cluster started by the project's own scripts/engine.sh on free 127.0.0.1 ports (or on the project's test hosts,
 * {@link #onHosts}), data in a temp dir, stopped by PID when the test run ends. One per test JVM; use through {@link EngineExtension}.
 */
public final class TestEngine implements AutoCloseable {
    private final Path dir;
    private final Path script;
    private final Map<String, String> env;
    private final List<Integer> natsPorts;
    private final List<Integer> monitorPorts;
    private final List<String> natsAddrs;
    private final int pgPort;
    private final String pgAddr;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** {@code hosts} null: every part on 127.0.0.1; else node I on test host I, PostgreSQL on the host after the nodes. */
    private TestEngine(Path script, int natsNodes, TestHosts hosts, boolean durable) throws IOException {
        this.script = script;
        this.dir = Files.createTempDirectory("ticketing-test-engine");
        this.natsPorts = freePorts(natsNodes);
        this.monitorPorts = freePorts(natsNodes);
        this.pgPort = freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "ENGINE_DIR", dir.toString(),
                "NATS_NODES", Integer.toString(natsNodes),
                "NATS_PORTS", spaced(natsPorts),
                "NATS_MONITOR_PORTS", spaced(monitorPorts),
                "NATS_CLUSTER_PORTS", spaced(freePorts(natsNodes)),
                "PG_PORT", Integer.toString(pgPort),
                "PG_FAST", durable ? "0" : "1"));
        List<String> addrs = new java.util.ArrayList<>();
        for (int node = 1; node <= natsNodes; node++) addrs.add(hosts == null ? LOOPBACK : hosts.addr(node));
        this.natsAddrs = List.copyOf(addrs);
        this.pgAddr = hosts == null ? LOOPBACK : hosts.addr(natsNodes + 1);
        if (hosts != null) {
            env.put("NATS_ON_HOSTS", spaced(java.util.stream.IntStream.rangeClosed(1, natsNodes).boxed().toList()));
            env.put("PG_ON_HOST", Integer.toString(natsNodes + 1));
        }
        this.env = Map.copyOf(env);
    }

    private static final String LOOPBACK = "127.0.0.1";

    private static TestEngine shared;

    /** The engine of this test JVM, started on first use and stopped by PID when the JVM exits. */
    public static synchronized TestEngine shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-engine-stop"));
        }
        return shared;
    }

    /** An engine of its own (fresh data, free ports, one broker node); the caller closes it. */
    public static TestEngine start() {
        return start(1);
    }

    /** Same with a broker of {@code natsNodes} nodes (a cluster, server names n1, n2, ...). */
    public static TestEngine start(int natsNodes) {
        return start(natsNodes, null, false);
    }

    /**
     * An engine whose PostgreSQL is durable, as {@code ./ticketing up} runs it (fsync, synchronous commit and full
     * page writes on); the others turn them off, since a test never outlives its machine.
     */
    public static TestEngine durable(int natsNodes) {
        return start(natsNodes, null, true);
    }

    /** Broker node I on test host I, PostgreSQL on host {@code natsNodes + 1} (the hosts must be up). */
    public static TestEngine onHosts(TestHosts hosts, int natsNodes) {
        if (hosts.count() < natsNodes + 1) throw new IllegalArgumentException("needs " + (natsNodes + 1) + " hosts");
        return start(natsNodes, hosts, false);
    }

    private static TestEngine start(int natsNodes, TestHosts hosts, boolean durable) {
        for (int attempt = 1; ; attempt++) {
            TestEngine engine = create(natsNodes, hosts, durable);
            try {
                engine.run("start", "all");
                return engine;
            } catch (IllegalStateException e) {
                engine.close();
                if (attempt == START_ATTEMPTS) throw e;
                // A free port can be taken before a server binds it (e.g. as a client's ephemeral port).
                System.err.println("test engine: start failed, trying again on other ports: " + e.getMessage());
            }
        }
    }

    private static final int START_ATTEMPTS = 3;

    private static TestEngine create(int natsNodes, TestHosts hosts, boolean durable) {
        try {
            return new TestEngine(findScript(), natsNodes, hosts, durable);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test engine", e);
        }
    }

    /** The broker's URL: one server, or every node of a cluster, comma-separated. */
    public String natsUrl() {
        return java.util.stream.IntStream.rangeClosed(1, natsNodes()).mapToObj(this::natsUrl)
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** One node's URL (1-based). */
    public String natsUrl(int node) {
        return "nats://" + natsAddrs.get(node - 1) + ":" + natsPorts.get(node - 1);
    }

    /** One node's monitoring endpoint (1-based), e.g. {@code /varz}, {@code /jsz}. */
    public String natsMonitorUrl(int node) {
        return "http://" + natsAddrs.get(node - 1) + ":" + monitorPorts.get(node - 1);
    }

    /** One node's client port (1-based). */
    public int natsPort(int node) {
        return natsPorts.get(node - 1);
    }

    public int natsNodes() {
        return natsPorts.size();
    }

    /** Node {@code node} (1-based) of a cluster by its JetStream server name, e.g. "n2" is 2. */
    public static int nodeOf(String serverName) {
        if (serverName == null || !serverName.matches("n[1-9][0-9]*")) {
            throw new IllegalArgumentException("not a broker node of a test engine: " + serverName);
        }
        return Integer.parseInt(serverName.substring(1));
    }

    /** kill -9 one broker node (chaos); {@link #startNatsNode} brings it back with its store. */
    public void killNatsNode(int node) {
        run("kill", "nats-" + node);
    }

    public void startNatsNode(int node) {
        run("start", "nats-" + node);
    }

    /**
     * What a host crash would leave on one node's disk: the node is frozen (SIGSTOP), its store copied,
     * and thawed (SIGCONT, also when the copy fails). nats-server acks a publish once it is written to the
     * OS, not once it is fsynced, so what is acked after this is lost by {@link #crashNatsNode}.
     */
    public void snapshotNatsNode(int node) {
        run("snapshot", "nats-" + node);
    }

    /** The host crash: kill -9 the node and put its snapshot in place of its store; {@link #startNatsNode} brings it back. */
    public void crashNatsNode(int node) {
        run("crash", "nats-" + node);
    }

    /** {@link #snapshotNatsNode} of every node at once: all frozen before any is copied (a power cut's disks). */
    public void snapshotNats() {
        run("snapshot", "nats");
    }

    /** {@link #crashNatsNode} of every node; {@link #startNats} brings them back. */
    public void crashNats() {
        run("crash", "nats");
    }

    /** SIGSTOP one broker node: a hung host, its sockets open; {@link #resumeNatsNode} continues it. */
    public void pauseNatsNode(int node) {
        run("pause", "nats-" + node);
    }

    public void resumeNatsNode(int node) {
        run("resume", "nats-" + node);
    }

    /** The engine's data directory (ENGINE_DIR of scripts/engine.sh): the broker's store is below it. */
    public Path dir() {
        return dir;
    }

    public int pgPort() {
        return pgPort;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgAddr + ":" + pgPort + "/" + database;
    }

    /** An empty database of that name (dropped first if a previous test left it) and a pool on it. */
    public HikariDataSource freshDatabase(String database, int poolSize) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database);
            s.execute("create database " + database);
        }
        return pool(jdbcUrl(database), poolSize);
    }

    /** A pool of {@code size} connections on a database of this engine. */
    public HikariDataSource pool(String jdbcUrl, int size) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(size);
        return dataSource;
    }

    public void stopNats() {
        run("stop", "nats");
    }

    public void startNats() {
        run("start", "nats");
    }

    public void stopPostgres() {
        run("stop", "pg");
    }

    public void startPostgres() {
        run("start", "pg");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        run("stop", "all");
        deleteQuietly(dir.toFile());
    }

    private void run(String... args) {
        try {
            Path log = dir.resolve("engine-script.log");
            ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString(), args[0], args[1]))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("engine.sh " + String.join(" ", args) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("engine.sh " + String.join(" ", args) + " failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** scripts/engine.sh of the checkout the tests run in: walk up from the working directory. */
    static Path findScript() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("scripts/engine.sh");
            if (Files.isRegularFile(s)) return s;
        }
        throw new IllegalStateException("scripts/engine.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static List<Integer> freePorts(int n) throws IOException {
        List<Integer> ports = new java.util.ArrayList<>(n);
        for (int tries = 0; ports.size() < n && tries < 100; tries++) {
            int p = freePort();
            if (!ports.contains(p)) ports.add(p);
        }
        return ports;
    }

    private static String spaced(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" "));
    }

    /** A port nothing listens on right now, on 127.0.0.1. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteQuietly(File f) {
        File[] children = f.listFiles();
        if (children != null) for (File c : children) deleteQuietly(c);
        f.delete();
    }
}
