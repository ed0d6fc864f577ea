package dev.ticketing.proof.cluster;

import dev.ticketing.common.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The project's gateway (nginx, through scripts/gateway.sh) on a free 127.0.0.1 port, stopped by PID. */
public final class Gateway implements AutoCloseable {
    private final Path script;
    private final Path dir;
    private final int port;

    private Gateway(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
    }

    /** @param routes service name (the path /api/name) to the ports of its replicas on 127.0.0.1 */
    public static Gateway start(Path root, Map<String, List<Integer>> routes) throws IOException {
        Gateway g = new Gateway(root.resolve("scripts/gateway.sh"), Files.createTempDirectory("ticketing-gateway"),
                TestEngine.freePort());
        List<String> args = new ArrayList<>(List.of("start", g.dir.toString(), "127.0.0.1:" + g.port));
        routes.forEach((name, ports) -> args.add(name + "=" + ports.stream()
                .map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","))));
        g.run(args);
        return g;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        run(List.of("stop", dir.toString()));
    }

    private void run(List<String> args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        try {
            Path log = dir.resolve("gateway-script.log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("gateway.sh " + args.get(0) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("gateway.sh " + String.join(" ", args) + " failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
