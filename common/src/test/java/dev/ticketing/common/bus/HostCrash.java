package dev.ticketing.common.bus;

import dev.ticketing.common.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A crash of the single broker node's host, simulated on the store of a {@link TestEngine}: what the disk holds
 * at a moment is a copy of the store taken while the server is frozen (SIGSTOP, copy, SIGCONT); the crash is a
 * kill -9 after which copies (or parts of them) are put back before the server starts again. nats-server
 * 2.9.10 acknowledges a publish once written to the OS and fsyncs its stream files every 2 minutes and its
 * consumer state (o.dat) never, so a host crash can give back an older stream, older consumer files, or both,
 * each from a different moment.
 *
 * <p>The engine's store is where scripts/engine.sh puts it for one node ({@code nats_dir}: {@code
 * $ENGINE_DIR/nats/store}, the pid in {@code $ENGINE_DIR/nats/nats.pid}). Unlike engine.sh's snapshot and crash,
 * which put a whole store back, it can put back parts of copies from different moments.
 */
final class HostCrash {
    private final TestEngine engine;
    private final Path natsDir;

    HostCrash(TestEngine engine) {
        if (engine.natsNodes() != 1) throw new IllegalArgumentException("one broker node only");
        this.engine = engine;
        this.natsDir = engine.dir().resolve("nats");
    }

    /** The server's store directory (jetstream/$G/streams/STREAM/... below it). */
    Path store() {
        return natsDir.resolve("store");
    }

    /** Where a stream's files are, relative to a store (or to a copy of one). */
    static Path streamPath(String stream) {
        return Path.of("jetstream", "$G", "streams", stream);
    }

    /** Where a consumer's files (meta.inf, o.dat) are, relative to a store. */
    static Path consumerPath(String stream, String durable) {
        return streamPath(stream).resolve("obs").resolve(durable);
    }

    /** What the disk holds now: the store copied while the server is frozen. */
    Path diskNow() throws IOException, InterruptedException {
        long pid = pid();
        Path copy = Files.createTempDirectory(natsDir, "disk-");
        signal("-STOP", pid);
        try {
            copyTree(store(), copy);
        } finally {
            signal("-CONT", pid);
        }
        return copy;
    }

    /** kill -9 of the server (the host goes down): nothing more reaches the store. */
    void kill() throws IOException, InterruptedException {
        long pid = pid();
        signal("-KILL", pid);
        for (int i = 0; i < 100 && alive(pid); i++) Thread.sleep(50);
        if (alive(pid)) throw new IllegalStateException("nats-server " + pid + " survived kill -9");
        Files.deleteIfExists(natsDir.resolve("nats.pid"));
    }

    /** Replaces the (dead) server's store with {@code disk}. */
    void restore(Path disk) throws IOException {
        deleteTree(store());
        copyTree(disk, store());
    }

    /** Replaces one directory of the store (e.g. a consumer's) with the same directory of {@code disk}. */
    void restore(Path disk, Path relative) throws IOException {
        deleteTree(store().resolve(relative));
        copyTree(disk.resolve(relative), store().resolve(relative));
    }

    void start() {
        engine.startNats();
    }

    private long pid() throws IOException {
        return Long.parseLong(Files.readString(natsDir.resolve("nats.pid")).trim());
    }

    /** A process that exited but was not reaped yet (its parent is PID 1, the script that started it is gone) is dead. */
    private static boolean alive(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) return false;
        try {
            String s = Files.readString(stat);
            return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + pid + " failed");
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) Files.delete(p);
        }
    }
}
