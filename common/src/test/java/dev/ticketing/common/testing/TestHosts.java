package dev.ticketing.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's own test hosts (scripts/hosts.sh): network namespaces on a private bridge, each with an address
 * of its own, and cuts between them. Host 0 is this machine (the test JVM) on the bridge. {@link #close} removes
 * every host, also what a killed earlier run left ({@link #up} starts by removing it).
 */
public final class TestHosts implements AutoCloseable {
    private final Path script;
    private final int count;

    private TestHosts(Path script, int count) {
        this.script = script;
        this.count = count;
    }

    /** Hosts 1..{@code count}, fresh. */
    public static TestHosts up(int count) {
        TestHosts hosts = new TestHosts(TestEngine.findScript().resolveSibling("hosts.sh"), count);
        hosts.run("down");
        hosts.run("up", Integer.toString(count));
        return hosts;
    }

    public int count() {
        return count;
    }

    /** Host {@code host}'s address (0: this machine's address on the bridge). */
    public String addr(int host) {
        return run("addr", Integer.toString(host)).trim();
    }

    /** Hosts a and b no longer reach each other (host 0 only as b). */
    public void cut(int a, int b) {
        run("cut", Integer.toString(a), Integer.toString(b));
    }

    /** Host a's processes no longer reach host b's TCP port (a may be b). */
    public void cut(int a, int b, int port) {
        run("cut", Integer.toString(a), Integer.toString(b), Integer.toString(port));
    }

    /** Host a cut from every other host of {@code others}. */
    public void isolate(int a, int... others) {
        for (int b : others) cut(a, b);
    }

    /** Every cut undone. */
    public void heal() {
        run("heal");
    }

    @Override
    public void close() {
        run("down");
    }

    /** The words that run a command inside a host, for a process builder. */
    public List<String> inside(int host) {
        return List.of("bash", script.toString(), "exec", Integer.toString(host));
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("hosts", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(false)
                        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("hosts.sh " + String.join(" ", args) + " timed out");
                }
                if (p.exitValue() != 0) throw new IllegalStateException("hosts.sh " + String.join(" ", args) + " failed");
                return Files.readString(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
