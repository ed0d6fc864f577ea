package dev.ticketing.proof;

import dev.ticketing.proof.bench.BenchMain;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code ./ticketing proof [options]}: see {@link ProofOptions#USAGE}. Exit 0 = consistent, 1 = not, 2 = usage.
 * With the first argument {@code bench}: {@code ./ticketing bench [options]}, see {@link BenchMain}.
 */
public final class ProofMain {
    private ProofMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(BenchMain.run(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(ProofOptions.USAGE);
            return;
        }
        ProofOptions options;
        try {
            options = ProofOptions.parse(args, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ProofOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new ProofRun(options).run() ? 0 : 1);
    }
}
