package dev.ticketing.proof.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM: started from its jar, killed with SIGKILL, stopped with SIGTERM, or paused with SIGSTOP
 * and resumed with SIGCONT, by its PID. A paused JVM is resumed before it is stopped.
 * Optionally run under libfaketime ({@link #fakeClock}), so that its wall clock can be stepped while it runs.
 */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path logDir;
    private final Placement placement;
    private Process process;
    private int incarnation;
    private boolean paused;
    private Path clockFile;

    /**
     * Where a service JVM runs: the words that start a command there (none on this machine) and the address it
     * listens on (its BIND_ADDRESS).
     */
    public record Placement(List<String> prefix, String address) {
        public static final Placement HERE = new Placement(List.of(), "127.0.0.1");
    }

    public ServiceProcess(String name, Path jar, int port, Map<String, String> env, Path logDir, Placement placement) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = env;
        this.logDir = logDir;
        this.placement = placement;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://" + placement.address() + ":" + port;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The JVM options every service runs with, `up` too: scripts/service-jvm.args of the checkout the jar is in. */
    static Path jvmArgs(Path jar) {
        return jar.toAbsolutePath().getParent().getParent().getParent().resolve("scripts").resolve("service-jvm.args");
    }

    public synchronized void start() throws IOException {
        incarnation++;
        List<String> command = new java.util.ArrayList<>(placement.prefix());
        command.addAll(List.of("java", "@" + jvmArgs(jar), "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".log").toFile()));
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("BIND_ADDRESS", placement.address());
        if (clockFile != null) underFaketime(pb.environment(), clockFile);
        process = pb.start();
        paused = false;
    }

    /**
     * From its next start on (and at every restart), this JVM runs under Debian's libfaketime with a wall clock
     * offset read from {@code timestampFile}, which {@link #setClockOffset} rewrites while it runs; the offset
     * starts at 0. Only this JVM gets the preload.
     */
    public synchronized void fakeClock(Path timestampFile) throws IOException {
        libfaketime(); // fails now, not at the first step, when it is not installed
        clockFile = timestampFile;
        setClockOffset(0);
    }

    public synchronized boolean fakesClock() {
        return clockFile != null;
    }

    /**
     * Steps this JVM's wall clock to {@code seconds} from the real time. The file is replaced at once (a rename:
     * libfaketime never reads half a file); the JVM reads it again within about 2 s, as libfaketime re-reads
     * it at most once a second (FAKETIME_CACHE_DURATION=1).
     */
    public synchronized void setClockOffset(long seconds) throws IOException {
        if (clockFile == null) throw new IllegalStateException(name + " does not run under libfaketime");
        Path tmp = clockFile.resolveSibling(clockFile.getFileName() + ".tmp");
        Files.writeString(tmp, (seconds < 0 ? "" : "+") + seconds + "\n");
        Files.move(tmp, clockFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The environment of a JVM under libfaketime whose offset can change while it runs. Found by trying them on
     * Debian 12's libfaketime 0.9.10 with OpenJDK 17:
     * <ul>
     *   <li>FAKETIME_DONT_FAKE_MONOTONIC=1: an NTP step moves CLOCK_REALTIME only; without it System.nanoTime
     *       steps too (and back);</li>
     *   <li>FAKETIME_FORCE_MONOTONIC_FIX=0: the fix is on by default for this glibc, and with it every timed wait
     *       of the JVM (LockSupport.parkNanos, Object.wait, Thread.sleep) returns at once: an idle JVM spins;</li>
     *   <li>FAKETIME_CACHE_DURATION=1, not FAKETIME_NO_CACHE=1: without a cache every clock read opens and
     *       parses the file (about 0.1 ms), and a Spring Boot service no longer starts in minutes;</li>
     *   <li>NO_FAKE_STAT=1: files keep their times, as they do in a real clock step.</li>
     * </ul>
     */
    private static void underFaketime(Map<String, String> environment, Path timestampFile) {
        environment.remove("FAKETIME"); // it would win over the file
        environment.put("LD_PRELOAD", libfaketime().toString());
        environment.put("FAKETIME_TIMESTAMP_FILE", timestampFile.toString());
        environment.put("FAKETIME_CACHE_DURATION", "1");
        environment.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        environment.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
        environment.put("NO_FAKE_STAT", "1");
    }

    /** Debian's libfaketime (package faketime, scripts/install-deps.sh), e.g. /usr/lib/x86_64-linux-gnu/faketime. */
    public static Path libfaketime() {
        try (var dirs = Files.list(Path.of("/usr/lib"))) {
            return dirs.map(d -> d.resolve("faketime/libfaketime.so.1")).filter(Files::isReadable).findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "libfaketime not found (/usr/lib/*/faketime/libfaketime.so.1): install faketime (scripts/install-deps.sh)"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot look for libfaketime in /usr/lib", e);
        }
    }

    /** kill -9: no shutdown hook, no graceful stop, messages in hand stay unacked. */
    public synchronized void kill9() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        paused = false;
    }

    /**
     * SIGSTOP: the JVM stops where it is, its sockets open, as a hung host would; {@link #resume} continues
     * it. Counted as paused before the signal is sent, so a failed pause is still answered by a resume.
     */
    public synchronized void pause() throws IOException, InterruptedException {
        if (process == null || !process.isAlive() || paused) return;
        paused = true;
        signal("STOP");
    }

    /** SIGCONT to a paused JVM; nothing to one that is not paused. */
    public synchronized void resume() throws IOException, InterruptedException {
        if (!paused) return;
        if (process.isAlive()) signal("CONT");
        paused = false;
    }

    public synchronized boolean paused() {
        return paused;
    }

    /**
     * {@link #pause} of several at once, with one kill command (a JVM's fork costs ~50-100 ms on a loaded
     * machine): each is counted as paused before the signal, so a resume answers also a failed pause.
     */
    public static void pauseAll(List<ServiceProcess> services) throws IOException, InterruptedException {
        List<Long> pids = new java.util.ArrayList<>();
        for (ServiceProcess s : services) {
            synchronized (s) {
                if (s.process == null || !s.process.isAlive() || s.paused) continue;
                s.paused = true;
                pids.add(s.process.pid());
            }
        }
        signal("STOP", pids);
    }

    /** {@link #resume} of several at once; SIGCONT goes to every paused one that is alive. */
    public static void resumeAll(List<ServiceProcess> services) throws IOException, InterruptedException {
        List<ServiceProcess> paused = new java.util.ArrayList<>();
        List<Long> pids = new java.util.ArrayList<>();
        for (ServiceProcess s : services) {
            synchronized (s) {
                if (!s.paused) continue;
                paused.add(s);
                if (s.process.isAlive()) pids.add(s.process.pid());
            }
        }
        signal("CONT", pids);
        for (ServiceProcess s : paused) {
            synchronized (s) {
                s.paused = false;
            }
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        signal(signal, List.of(process.pid()));
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) return;
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not return within 10 s");
        }
        if (kill.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(kill.getInputStream().readAllBytes()).trim());
        }
    }

    public synchronized void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) return;
        if (paused) {
            try {
                resume();
            } catch (IOException e) {
                // SIGTERM waits for a SIGCONT; after 20 s the SIGKILL below ends it anyway
            }
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized int incarnation() {
        return incarnation;
    }

    public void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) throw new IllegalStateException(name + " exited; see " + logDir.resolve(name + ".log"));
            if (healthy()) return;
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + "; see " + logDir.resolve(name + ".log"));
    }

    private boolean healthy() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
