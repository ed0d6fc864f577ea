package dev.ticketing.proof;

import java.nio.file.Path;

/** {@code ./ticketing proof [options]}: see {@link ProofOptions#USAGE}. Exit 0 = consistent, 1 = not, 2 = usage. */
public final class ProofMain {
    private ProofMain() {
    }

    public static void main(String[] args) throws Exception {
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
