package dev.ticketing.proof.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM: started from its jar, killed with SIGKILL, stopped with SIGTERM, or paused with SIGSTOP
 * and resumed with SIGCONT, by its PID. A paused JVM is resumed before it is stopped.
 */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path logDir;
    private Process process;
    private int incarnation;
    private boolean paused;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> env, Path logDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = env;
        this.logDir = logDir;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized void start() throws IOException {
        incarnation++;
        ProcessBuilder pb = new ProcessBuilder(List.of("java", "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".log").toFile()));
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        process = pb.start();
        paused = false;
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
