package dev.ticketing.proof.bench;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.auth.JwtIssuer;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.proof.check.Comparison;
import dev.ticketing.proof.check.Percentiles;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bench run: a fresh engine and the services as separate JVMs (as the proof starts them), then phases
 * (a) pgbench, (c) the pipeline with each replica count, most first, (d) a fixed rate of half the best,
 * (b) owner only (last, so that no replica has to start again after it); reported in the order (a) to (d).
 */
final class BenchRun {
    private static final Logger log = LoggerFactory.getLogger(BenchRun.class);
    private static final String OWNER = "bench-owner";
    private final BenchOptions options;
    private final double ticksPerSecond = Command.ticksPerSecond();
    private final List<Phase> phases = new ArrayList<>();
    private Report.PgbenchPhase pgbench;
    private IdlePhase.Result idle;
    private int round;

    private Cluster cluster;
    private WebTier web = WebTier.NONE;
    private Replication db;
    private CpuMeter meter;
    private PgActivity pg;
    private Wrk wrk;
    private Path work;

    BenchRun(BenchOptions options) {
        this.options = options;
    }

    /** @return true when the run itself succeeded (targets are reported, not enforced) */
    boolean run() throws Exception {
        long started = System.nanoTime();
        work = Files.createTempDirectory("ticketing-bench");
        Map<String, String> env = new HashMap<>();
        if (options.outboxRetention() != null) {
            long s = options.outboxRetention().toSeconds();
            env.put("TICKETING_OUTBOX_RETENTION", s + "s");
            env.put("TICKETING_OUTBOX_PURGE_INTERVAL", Math.max(1, Math.min(60, s / 2)) + "s");
        }
        Cluster.Layout layout = new Cluster.Layout("tickets", "orders", options.allServices() ? IdlePhase.SERVICES : List.of());
        boolean ok = false;
        String failure = null;
        try {
            if (!options.idle().isZero()) idle = IdlePhase.run(options.servicesRoot(), options.idleSettle(), options.idle(), ticksPerSecond,
                    options.idleNodes(), !options.fast());
            ok = runPhases(layout, env, started);
        } catch (BenchFailure e) {
            failure = e.getMessage();
        } catch (Exception e) {
            log.error("bench run failed", e);
            failure = e.toString();
        } finally {
            deleteQuietly(work);
        }
        Summary summary = summary();
        phases.sort(java.util.Comparator.<Phase, String>comparing(p -> p.name().substring(0, 3)).thenComparingInt(Phase::replicas));
        new Report(System.out).print(header(started), idle, pgbench, phases, summary, ok);
        if (failure != null) System.out.println("bench failed: " + failure);
        log.info("bench run took {} s", seconds(started));
        return ok;
    }

    /** Phases (a) to (d) on a cluster of their own: tickets and up to the most orders replicas. */
    private boolean runPhases(Cluster.Layout layout, Map<String, String> env, long started) throws Exception {
        try (Cluster c = Cluster.start(options.servicesRoot(), layout, options.maxReplicas(), env, 1, !options.fast(),
                options.pgProfile() ? PgActivity::profile : Cluster.EngineSetup.NONE);
             WebTier web = options.allServices() ? WebTier.start(options.servicesRoot(), c) : WebTier.NONE) {
            cluster = c;
            this.web = web;
            log.info("engine and {} service JVMs up in {} s", c.all().size() + web.count(), seconds(started));
            prepare();
            measurePgbench();
            seed();
            firstWarmUp();
            // Most replicas first: every replica of (c) then ran the first warm-up, none starts cold for its
            // phase. (b) comes last: every replica stops for it, and no replica has to start again after it.
            for (int k : options.replicas().stream().sorted(java.util.Comparator.reverseOrder()).toList()) measurePipeline(k);
            measureHalfLoad();
            measureOwnerOnly();
            return true;
        }
    }

    private void prepare() throws IOException {
        TestEngine engine = cluster.engine();
        int natsPort = URI.create(engine.natsUrl()).getPort();
        long nats = ProcStat.findListening("nats-server", natsPort)
                .orElseThrow(() -> new IllegalStateException("nats-server on port " + natsPort + " not found in /proc"));
        long postmaster = ProcStat.findListening("postgres", engine.pgPort())
                .orElseThrow(() -> new IllegalStateException("postgres on port " + engine.pgPort() + " not found in /proc"));
        meter = new CpuMeter(ticksPerSecond, nats, postmaster, this::runningJvms);
        db = new Replication(engine.jdbcUrl("tickets"), engine.jdbcUrl("orders"));
        pg = new PgActivity(engine.jdbcUrl("postgres"), options.pgProfile());
        String token = new JwtIssuer(Cluster.JWT_KEY).issue(new CurrentUser(OWNER, OWNER + "@bench.dev"), null);
        wrk = new Wrk(work, cluster.owner().url(), token, options.clients(), ticksPerSecond);
    }

    private Map<String, Long> runningJvms() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ServiceProcess s : cluster.all()) if (s.isAlive()) pids.put(s.name(), s.pid());
        web.addTo(pids);
        return pids;
    }

    private void measurePgbench() throws Exception {
        log.info("(a) pgbench: single-row UPDATE, {} clients, {} s", options.pgbenchClients(), options.pgbenchSeconds());
        CpuMeter.Sample before = meter.sample();
        Pgbench.Result r = Pgbench.run(cluster.engine().jdbcUrl("postgres"), cluster.engine().pgPort(),
                options.pgbenchClients(), options.pgbenchSeconds(), work, ticksPerSecond);
        CpuUse cpu = meter.sample().since(before).with("pgbench", r.clientCpuSeconds());
        pgbench = new Report.PgbenchPhase(r, cpu, options.pgbenchClients(), options.pgbenchSeconds());
        log.info("(a) pgbench: {} TPS ({})", Math.round(r.tps()), r.command());
    }

    /** N tickets, created over HTTP (not timed), on every replica before the phases start. */
    private void seed() throws Exception {
        long t = System.nanoTime();
        WrkResult created = wrk.post(options.updates(), price(), cap(options.updates(), 0));
        if (!created.complete()) throw new BenchFailure("creating the tickets: " + created.describeFailure());
        db.awaitConverged(options.timeout());
        log.info("{} tickets created ({} /s) and replicated in {} s", options.updates(),
                Math.round(created.okPerSecond()), seconds(t));
    }

    private Path ids(String name, int count) throws SQLException, IOException {
        List<String> all = db.ticketIds();
        if (all.size() != options.updates()) throw new BenchFailure("expected " + options.updates() + " tickets, found " + all.size());
        return Replication.write(work.resolve(name + ".ids"), all.subList(0, Math.min(count, all.size())));
    }

    private void measureOwnerOnly() throws Exception {
        useReplicas(0);
        warmUp(0);
        phases.add(measure("(b) owner only", 0, ids("all", options.updates()), 0, false));
    }

    private void measurePipeline(int replicas) throws Exception {
        useReplicas(replicas);
        long t = System.nanoTime();
        db.awaitConverged(options.timeout());
        log.info("{} replica(s) running; converged (backlog drained) in {} s", replicas, seconds(t));
        warmUp(replicas);
        phases.add(measure("(c) pipeline", replicas, ids("all", options.updates()), 0, true));
    }

    /** (d): open loop at half the best replicated/s of (c), with the replica count that reached it. */
    private void measureHalfLoad() throws Exception {
        Summary s = summary();
        double rate = s.bestE2e() / 2;
        if (Double.isNaN(rate) || rate <= 0) throw new BenchFailure("no replicated rate measured for phase (d)");
        int replicas = s.bestReplicas();
        if (useReplicas(replicas) > 0) firstWarmUp(); // replicas stopped for (c) start again: cold, so warm them
        db.awaitConverged(options.timeout());
        int count = (int) Math.max(1, Math.min(options.updates(), Math.round(rate * options.openLoopSeconds())));
        phases.add(measure("(d) half load", replicas, ids("half", count), rate, false));
    }

    /** Cycles over the tickets until {@code firstWarmup} updates were sent and replicated: every JVM warm. */
    private void firstWarmUp() throws Exception {
        long t = System.nanoTime();
        for (int left = options.firstWarmup(); left > 0; left -= options.updates()) {
            int n = Math.min(left, options.updates());
            WrkResult w = wrk.put(ids("warmup", n), price(), 0, cap(n, 0));
            if (!w.complete()) throw new BenchFailure("first warm-up: " + w.describeFailure());
        }
        db.awaitConverged(options.timeout());
        if (options.firstWarmup() > 0) {
            log.info("first warm-up: {} updates sent and replicated in {} s", options.firstWarmup(), seconds(t));
        }
    }

    private void warmUp(int replicas) throws Exception {
        if (options.warmup() == 0) return;
        WrkResult w = wrk.put(ids("warmup", options.warmup()), price(), 0, cap(options.warmup(), 0));
        if (!w.complete()) throw new BenchFailure("warm-up: " + w.describeFailure());
        if (replicas > 0) db.awaitConverged(options.timeout());
        else db.awaitOutboxSent(options.timeout());
    }

    /** @param withPg also what PostgreSQL did: its counters are read after {@link PgActivity#SETTLE} on both sides */
    private Phase measure(String name, int replicas, Path ids, double rate, boolean withPg) throws Exception {
        long count = Files.readAllLines(ids).size();
        PgActivity.Counters pgBefore = withPg ? pg.begin() : null;
        log.info("{}: {} updates, {} replica(s), {}", name, count, replicas,
                rate > 0 ? String.format("open loop at %.1f/s", rate) : "closed loop, " + options.clients() + " connections");
        CpuMeter.Sample before = meter.sample();
        double since = db.clockMillis();
        WrkResult load = wrk.put(ids, price(), rate, cap(count, rate));
        if (!load.complete()) throw new BenchFailure(name + ": " + load.describeFailure());
        if (replicas > 0) db.awaitConverged(options.timeout());
        else db.awaitOutboxSent(options.timeout());
        CpuUse cpu = meter.sample().since(before).with(CpuUse.LOAD, load.cpuSeconds());
        PgActivity.Use pgUse = withPg ? pg.end(pgBefore, count) : null;
        PhaseLag lag = db.lag(since, replicas > 0);
        if (lag.updates() != count) {
            throw new BenchFailure(name + ": " + count + " updates accepted but the owner changed " + lag.updates() + " tickets");
        }
        if (replicas > 0) verifyReplica(name, lag);
        Phase p = new Phase(name, replicas, count, rate, load, lag, cpu, db.outbox(), pgUse);
        Percentiles l = p.lags();
        if (replicas > 0) {
            log.info("{}: accepted {}/s, replicated {}/s, lag p50 {} ms p99 {} ms", name,
                    Math.round(p.acceptedPerSecond()), Math.round(p.replicatedPerSecond()), Math.round(l.at(50)),
                    Math.round(l.at(99)));
            if (pgUse != null) {
                log.info("{}: PostgreSQL per update: {} commits, {} WAL syncs", name,
                        Report.f("%.2f", pgUse.commitsPerUpdate()), Report.f("%.3f", pgUse.walSyncsPerUpdate()));
            }
        } else {
            log.info("{}: accepted {}/s, owner commits {}/s", name, Math.round(p.acceptedPerSecond()),
                    Math.round(lag.ownerCommitsPerSecond()));
        }
        return p;
    }

    /** Every ticket of the replica equals the owner's, record by record (the proof's comparison). */
    private void verifyReplica(String name, PhaseLag lag) throws SQLException {
        if (lag.unmatched() > 0) throw new BenchFailure(name + ": " + lag.unmatched() + " tickets not at the owner's version");
        Comparison c = Comparison.of(cluster.engine().jdbcUrl("tickets"), cluster.engine().jdbcUrl("orders"));
        if (!c.converged()) throw new BenchFailure(name + ": replica diverged: " + String.join("; ", c.lines()));
    }

    /** Runs exactly the first {@code k} replicas (stopping the others gracefully); returns how many it started. */
    private int useReplicas(int k) throws Exception {
        List<ServiceProcess> replicas = cluster.replicas();
        for (int i = k; i < replicas.size(); i++) replicas.get(i).stop();
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (!replicas.get(i).isAlive()) {
                replicas.get(i).start();
                started.add(replicas.get(i));
            }
        }
        for (ServiceProcess s : started) s.awaitHealthy(Duration.ofSeconds(120));
        return started.size();
    }

    /** Every request of a run changes the price: a real change, one version per ticket. */
    private String price() {
        round++;
        return Integer.toString(10 + round);
    }

    /** wrk's own stop: the expected run time at a pessimistic 20/s (or the open-loop schedule), plus the timeout. */
    private Duration cap(long requests, double rate) {
        double seconds = rate > 0 ? requests / rate : requests / 20.0;
        return options.timeout().plusSeconds((long) Math.ceil(seconds));
    }

    private Summary summary() {
        Map<Integer, Double> e2e = new LinkedHashMap<>();
        double ownerOnly = Double.NaN, halfRate = Double.NaN, p50 = Double.NaN, p99 = Double.NaN;
        Summary.Pg pgFigures = Summary.Pg.NOT_MEASURED;
        for (Phase p : phases) {
            if (p.name().startsWith("(b)")) ownerOnly = p.acceptedPerSecond();
            if (p.name().startsWith("(c)")) e2e.put(p.replicas(), p.replicatedPerSecond());
            if (p.name().startsWith("(c)") && p.replicas() == 1 && p.pg() != null) {
                pgFigures = new Summary.Pg(p.pg().commitsPerUpdate(), p.pg().walSyncsPerUpdate());
            }
            if (p.name().startsWith("(d)")) {
                halfRate = p.offeredRate();
                p50 = p.lags().at(50);
                p99 = p.lags().at(99);
            }
        }
        Summary.Idle idleFigures = idle == null ? Summary.Idle.NOT_MEASURED : new Summary.Idle(idle.systemShare(),
                idle.jitShare(), idle.brokerShare(), idle.brokerInPerSecond(), idle.brokerOutPerSecond(),
                idle.busiestNodeMessagesPerSecond(), idle.consumers(), idle.nodes());
        return new Summary(pgbench == null ? Double.NaN : pgbench.result().tps(), ownerOnly, e2e, halfRate, p50, p99,
                idleFigures, new Summary.Setup(!options.fast(), options.allServices()), pgFigures);
    }

    private String header(long started) {
        return String.format("bench: %s; %s; services from %s; %d updates per phase, warm-up %d first then %d per phase; "
                        + "load: wrk, 1 thread, %d connections; run took %d s", Machine.describe(),
                new Summary.Setup(!options.fast(), options.allServices()).keys(), options.servicesRoot(),
                options.updates(), options.firstWarmup(), options.warmup(), options.clients(), seconds(started));
    }

    private static long seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e9);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind
        }
    }
}
