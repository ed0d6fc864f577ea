package dev.ticketing.proof.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ./ticketing bench [options]}: see {@link BenchOptions#USAGE}. Exit 0 = the run worked, 1 = it failed, 2 = usage. */
public final class BenchMain {
    private BenchMain() {
    }

    public static int run(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            return 2;
        }
        for (String tool : new String[] {"wrk", "pgbench"}) {
            if (!onPath(tool)) {
                System.err.println(tool + " not found on PATH (install: scripts/install-deps.sh, as root)");
                return 1;
            }
        }
        return new BenchRun(options).run() ? 0 : 1;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
