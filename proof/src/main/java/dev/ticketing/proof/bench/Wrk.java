package dev.ticketing.proof.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator: wrk (C, epoll) with the bench's Lua script, one thread, C connections. Every request
 * is prepared in the script's init, so the generator costs little CPU per request; its CPU is measured.
 */
final class Wrk {
    private final Path script;
    private final String ticketsUrl;
    private final String token;
    private final int connections;
    private final double ticksPerSecond;

    Wrk(Path workDir, String ticketsUrl, String token, int connections, double ticksPerSecond) throws IOException {
        this.script = workDir.resolve("load.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("/bench/load.lua")) {
            if (in == null) throw new IllegalStateException("bench/load.lua missing from the jar");
            Files.write(script, in.readAllBytes());
        }
        this.ticketsUrl = ticketsUrl;
        this.token = token;
        this.connections = connections;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** POST {@code count} tickets, closed loop. */
    WrkResult post(int count, String price, Duration cap) throws IOException, InterruptedException {
        return run("post", Integer.toString(count), price, 0, cap);
    }

    /** PUT each id of the file once; {@code rate} requests per second (open loop), or 0 for closed loop. */
    WrkResult put(Path ids, String price, double rate, Duration cap) throws IOException, InterruptedException {
        return run("put", ids.toString(), price, rate, cap);
    }

    private WrkResult run(String mode, String source, String price, double rate, Duration cap)
            throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t1", "-c" + connections, "-d" + Math.max(1, cap.toSeconds()) + "s",
                "--timeout", "30s", "-s", script.toString(), ticketsUrl, "--", mode, source, token, price,
                String.format(Locale.ROOT, "%.3f", rate));
        Command.Finished f = Command.run(command, Map.of(), cap.plusSeconds(30), ticksPerSecond);
        if (f.exitCode() != 0) throw new IllegalStateException("wrk exited with " + f.exitCode() + ":\n" + f.output());
        return WrkResult.parse(f.output(), f.cpuSeconds());
    }
}
