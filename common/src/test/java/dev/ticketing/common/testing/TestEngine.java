package dev.ticketing.common.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real engine for tests: a nats-server with JetStream and a PostgreSQL cluster started by the
 * project's own scripts/engine.sh on free 127.0.0.1 ports, data in a temp dir, stopped by PID when the
 * test run ends. One per test JVM; use through {@link EngineExtension}.
 */
public final class TestEngine implements AutoCloseable {
    private final Path dir;
    private final Path script;
    private final Map<String, String> env;
    private final int natsPort;
    private final int pgPort;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private TestEngine(Path script) throws IOException {
        this.script = script;
        this.dir = Files.createTempDirectory("ticketing-test-engine");
        this.natsPort = freePort();
        this.pgPort = freePort();
        this.env = Map.of(
                "ENGINE_DIR", dir.toString(),
                "NATS_PORT", Integer.toString(natsPort),
                "NATS_MONITOR_PORT", Integer.toString(freePort()),
                "PG_PORT", Integer.toString(pgPort),
                "PG_FAST", "1");
    }

    private static TestEngine shared;

    /** The engine of this test JVM, started on first use and stopped by PID when the JVM exits. */
    public static synchronized TestEngine shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-engine-stop"));
        }
        return shared;
    }

    /** An engine of its own (fresh data, free ports); the caller closes it. */
    public static TestEngine start() {
        try {
            TestEngine engine = new TestEngine(findScript());
            engine.run("start", "all");
            return engine;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test engine", e);
        }
    }

    public String natsUrl() {
        return "nats://127.0.0.1:" + natsPort;
    }

    public int pgPort() {
        return pgPort;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database;
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
