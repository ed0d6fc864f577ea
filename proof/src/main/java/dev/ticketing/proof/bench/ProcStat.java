package dev.ticketing.proof.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/** Reads CPU time from Linux's /proc: per process (utime, stime, and of reaped children) and the machine's. */
final class ProcStat {
    private static final Path PROC = Path.of("/proc");

    /** One /proc/[pid]/stat line: the parent and the CPU ticks (USER_HZ) of the process and its reaped children. */
    record Times(long pid, long ppid, long utime, long stime, long cutime, long cstime) {
        long own() {
            return utime + stime;
        }

        long withReapedChildren() {
            return utime + stime + cutime + cstime;
        }
    }

    private ProcStat() {
    }

    /**
     * Parses a /proc/[pid]/stat line. The command name (field 2) is in parentheses and may hold spaces
     * and parentheses, so the fields are counted from the last ')'.
     */
    static Times parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) throw new IllegalArgumentException("not a /proc stat line: " + line);
        long pid = Long.parseLong(line.substring(0, open).trim());
        String[] f = line.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state): field n is f[n - 3]
        return new Times(pid, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14]));
    }

    /**
     * The busy ticks of the whole machine from the first line of /proc/stat ("cpu user nice system idle
     * iowait irq softirq steal ..."): everything but idle and iowait.
     */
    static long parseMachineBusy(String procStat) {
        String first = procStat.lines().findFirst().orElse("");
        String[] f = first.trim().split("\\s+");
        if (!f[0].equals("cpu")) throw new IllegalArgumentException("not /proc/stat: " + first);
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
        }
        return busy;
    }

    static long machineBusyTicks() throws IOException {
        return parseMachineBusy(Files.readString(PROC.resolve("stat")));
    }

    /** The times of a live process, or null when it is gone. */
    static Times of(long pid) {
        try {
            return parseStat(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The CPU ticks of a JVM's JIT compiler threads (named "C1 CompilerThre…" and "C2 CompilerThre…" in
     * /proc/[pid]/task), 0 when the process is gone. A compiler thread the JVM retired meanwhile is not counted.
     */
    static long compilerTicks(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                try {
                    String line = Files.readString(task.resolve("stat"));
                    if (isCompilerThread(line)) ticks += parseStat(line).own();
                } catch (IOException | RuntimeException threadGone) {
                    // it ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException processGone) {
            return 0;
        }
        return ticks;
    }

    static boolean isCompilerThread(String statLine) {
        int open = statLine.indexOf('(');
        return statLine.startsWith("C1 CompilerThre", open + 1) || statLine.startsWith("C2 CompilerThre", open + 1);
    }

    /** Every live process. */
    static List<Times> all() throws IOException {
        List<Times> all = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path d : dirs) {
                Times t = of(Long.parseLong(d.getFileName().toString()));
                if (t != null) all.add(t);
            }
        }
        return all;
    }

    /** The first process whose program is {@code program} and whose arguments hold "-p" followed by the port. */
    static OptionalLong findListening(String program, int port) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path d : dirs) {
                List<String> argv = argv(d);
                if (matches(argv, program, port)) return OptionalLong.of(Long.parseLong(d.getFileName().toString()));
            }
        }
        return OptionalLong.empty();
    }

    static boolean matches(List<String> argv, String program, int port) {
        if (argv.isEmpty() || !Path.of(argv.get(0)).getFileName().toString().equals(program)) return false;
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("-p") && argv.get(i + 1).equals(Integer.toString(port))) return true;
        }
        return false;
    }

    private static List<String> argv(Path procDir) {
        try {
            String raw = new String(Files.readAllBytes(procDir.resolve("cmdline")), StandardCharsets.UTF_8);
            if (raw.isEmpty()) return List.of();
            return Arrays.asList(raw.split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
