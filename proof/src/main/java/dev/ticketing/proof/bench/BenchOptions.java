package dev.ticketing.proof.bench;

import static dev.ticketing.proof.Args.nonNegative;
import static dev.ticketing.proof.Args.positive;
import static dev.ticketing.proof.Args.value;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bench run measures.
 *
 * @param updates          tickets, each updated once per phase (b) and (c)
 * @param clients          HTTP connections of the load generator (closed loop)
 * @param replicas         orders replica counts of phase (c), ascending (measured most first)
 * @param openLoopSeconds  how long phase (d) offers its fixed rate (fewer if the tickets run out)
 * @param pgbenchSeconds   length of phase (a)
 * @param pgbenchClients   pgbench clients of phase (a)
 * @param warmup           updates sent (not measured) before each measured phase, so the JVMs are warm
 * @param firstWarmup      updates sent once (not measured, cycling over the tickets) before the first phase: the
 *                         tickets JVM runs through every phase and needs tens of thousands of requests to be warm
 * @param timeout          longest wait for the replicas to converge after a phase
 * @param servicesRoot     checkout whose {@code <module>/target} jars are the services measured
 * @param outboxRetention  the services' outbox retention (null: the services' default, 24 h)
 * @param idleSettle       how long phase (0) waits after every service is healthy before it measures
 * @param pgProfile        PostgreSQL with pg_stat_statements and WAL I/O timing: each phase (c)'s top statements
 *                         and the WAL fsync time per update
 */
record BenchOptions(int updates, int clients, List<Integer> replicas, int openLoopSeconds, int pgbenchSeconds,
                    int pgbenchClients, int warmup, int firstWarmup, Duration timeout, Path servicesRoot, Duration outboxRetention,
                    boolean smoke, Duration idle, Duration idleSettle, int idleNodes, boolean fast, boolean allServices,
                    boolean pgProfile) {

    static final String USAGE = """
            usage: ./ticketing bench [options]
              --updates N          tickets created first (not timed), then each updated once per phase (default 10000)
              --clients C          HTTP connections of the load generator, wrk (default 16)
              --replicas L         orders replica counts of phase (c), comma-separated (default 1,2,4)
              --seconds S          length of the open-loop phase (d) at half the best rate (default 30)
              --pgbench-seconds S  length of phase (a), pgbench (default 10)
              --pgbench-clients C  pgbench clients (default 8)
              --warmup W           updates sent before each measured phase, not measured, so that replicas
                                   started for the phase are warm (default 2000)
              --first-warmup U     updates sent once before the first phase, not measured, cycling over the
                                   tickets, so that the tickets JVM is warm (default 20000)
              --timeout S          longest wait for the replicas to converge after a phase (default 300)
              --services-root DIR  take the service jars from DIR/<module>/target (another checkout's build;
                                   default: this checkout)
              --outbox-retention S the services keep sent outbox rows S seconds (default: theirs, 24 h), so a long
                                   run shows whether the purge keeps the outbox flat
              --idle S             length of phase (0), idle (default 60; 0 skips it)
              --idle-settle S      how long phase (0) waits after every service is healthy before it measures
                                   (default 120: the JVMs' JIT compiles what runs at rest for the first
                                   minutes; smoke: 5)
              --idle-nodes N       broker nodes of phase (0): 1 (default, as `up`) or 3 (as `up --cluster`)
              --fast               PostgreSQL with fsync, synchronous commit and full page writes off, for
                                   CPU-only comparisons (default: durable, as `up` runs it)
              --pipeline-only      phases (a)-(d) start only tickets and the orders replicas (default: every
                                   service as `up` starts them, the web tier too, so their cost at rest counts)
              --pg-profile         PostgreSQL with pg_stat_statements (track = all) and track_wal_io_timing:
                                   each phase (c) also reports its top statements by execution time and the WAL
                                   fsync time per update (the tracking costs some throughput)
              --smoke              a seconds-long run that only proves the bench works: --updates 300
                                   --replicas 1 --pgbench-seconds 2 --seconds 3 --warmup 50 --first-warmup 100
                                   --idle 5
            Phases: (0) idle: every service as `up` starts it (one JVM each, the web tier too) on an engine
            of its own, no request for S seconds after the settling (--idle-settle): CPU per process, the broker's
            messages in and out per second and its consumers; (a) pgbench single-row UPDATE on the run's PostgreSQL; (b) tickets PUT with no orders
            replica running; (c) the full pipeline with each replica count, with PostgreSQL's commits, WAL
            records, bytes, writes and fsyncs per update; (d) a fixed offered rate of 50 % of the best
            replicated/s of (c). The last line is a machine-readable summary; the exit code is 1
            when the run itself failed (failed writes, replicas that did not converge or diverged), not for
            a missed target.""";

    static BenchOptions parse(String[] args, Path root) {
        int updates = 10000, clients = 16, seconds = 30, pgSeconds = 10, pgClients = 8, warmup = 2000,
                firstWarmup = 20000, timeout = 300, idle = 60, idleSettle = 120, idleNodes = 1;
        List<Integer> replicas = List.of(1, 2, 4);
        Path servicesRoot = root;
        Duration retention = null;
        boolean smoke = false, fast = false, allServices = true, pgProfile = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--smoke")) {
                smoke = true;
                updates = 300;
                replicas = List.of(1);
                pgSeconds = 2;
                seconds = 3;
                warmup = 50;
                firstWarmup = 100;
                idle = 5;
                idleSettle = 5;
            }
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--smoke" -> { }
                case "--updates" -> updates = positive(args, ++i, a);
                case "--clients" -> clients = positive(args, ++i, a);
                case "--replicas" -> replicas = replicaCounts(value(args, ++i, a));
                case "--seconds" -> seconds = positive(args, ++i, a);
                case "--pgbench-seconds" -> pgSeconds = positive(args, ++i, a);
                case "--pgbench-clients" -> pgClients = positive(args, ++i, a);
                case "--warmup" -> warmup = nonNegative(args, ++i, a);
                case "--first-warmup" -> firstWarmup = nonNegative(args, ++i, a);
                case "--timeout" -> timeout = positive(args, ++i, a);
                case "--services-root" -> servicesRoot = root.resolve(value(args, ++i, a)).normalize();
                case "--outbox-retention" -> retention = Duration.ofSeconds(positive(args, ++i, a));
                case "--idle" -> idle = nonNegative(args, ++i, a);
                case "--idle-settle" -> idleSettle = nonNegative(args, ++i, a);
                case "--idle-nodes" -> idleNodes = brokerNodes(args, ++i, a);
                case "--fast" -> fast = true;
                case "--pipeline-only" -> allServices = false;
                case "--pg-profile" -> pgProfile = true;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new BenchOptions(updates, clients, replicas, seconds, pgSeconds, pgClients, Math.min(warmup, updates),
                firstWarmup,
                Duration.ofSeconds(timeout), servicesRoot, retention, smoke, Duration.ofSeconds(idle), Duration.ofSeconds(idleSettle),
                idleNodes, fast,
                allServices, pgProfile);
    }

    private static int brokerNodes(String[] args, int i, String option) {
        int n = positive(args, i, option);
        if (n != 1 && n != 3) throw new IllegalArgumentException(option + " must be 1 or 3: " + n);
        return n;
    }

    int maxReplicas() {
        return replicas.get(replicas.size() - 1);
    }

    static List<Integer> replicaCounts(String list) {
        List<Integer> counts = new ArrayList<>();
        for (String part : list.split(",")) {
            int k;
            try {
                k = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                k = 0;
            }
            if (k < 1) throw new IllegalArgumentException("--replicas needs whole numbers of 1 or more, e.g. 1,2,4");
            if (!counts.contains(k)) counts.add(k);
        }
        counts.sort(null);
        return List.copyOf(counts);
    }
}
