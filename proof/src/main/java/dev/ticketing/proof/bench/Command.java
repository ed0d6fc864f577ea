package dev.ticketing.proof.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a tool (wrk, pgbench) to its end and measures the CPU it used: a bash wrapper waits for it and then
 * prints its own /proc stat's reaped-children times (cutime + cstime), which hold exactly the tool's
 * CPU, all threads, however short it lived.
 */
final class Command {
    private static final String WRAPPER = "\"$@\"; rc=$?; read -r -a s < /proc/$$/stat; "
            + "echo \"bench-child-cpu-ticks: $(( ${s[15]} + ${s[16]} ))\"; exit $rc";
    private static final Pattern CPU_LINE = Pattern.compile("(?m)^bench-child-cpu-ticks: (\\d+)$");

    /** What the tool printed (stdout and stderr), its exit code and its CPU seconds. */
    record Finished(int exitCode, String output, double cpuSeconds) {
    }

    private Command() {
    }

    static Finished run(List<String> command, Map<String, String> env, Duration timeout, double ticksPerSecond)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", WRAPPER, "bench-wrap"));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> drain(p.getInputStream(), out), "command-output");
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            throw new IllegalStateException(command.get(0) + " did not end within " + timeout + "; output:\n" + out);
        }
        reader.join(5000);
        String text;
        synchronized (out) {
            text = out.toString();
        }
        return new Finished(p.exitValue(), CPU_LINE.matcher(text).replaceAll("").strip(), cpuTicks(text) / ticksPerSecond);
    }

    static long cpuTicks(String output) {
        Matcher m = CPU_LINE.matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** USER_HZ, the unit of /proc's CPU times (100 on Linux). */
    static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return Double.parseDouble(s);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static void drain(InputStream in, StringBuilder out) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                synchronized (out) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
