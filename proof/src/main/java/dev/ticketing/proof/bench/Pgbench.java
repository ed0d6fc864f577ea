package dev.ticketing.proof.bench;

import dev.ticketing.proof.check.Db;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phase (a): the database's limit. pgbench runs a single-row UPDATE of a random row of a 100,000-row scratch
 * table in a database of its own ({@code bench}) on the run's PostgreSQL, prepared statements.
 */
final class Pgbench {
    static final int ROWS = 100_000;
    static final String SCRIPT = "\\set id random(1, " + ROWS + ")\nupdate bench_rows set n = n + 1 where id = :id;\n";
    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+) \\((without|excluding) (initial )?connection");
    private static final Pattern ANY_TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
    private static final Pattern TRANSACTIONS = Pattern.compile("(?m)^number of transactions actually processed: (\\d+)");

    /** TPS, transactions, and the CPU seconds pgbench itself used. */
    record Result(double tps, long transactions, double clientCpuSeconds, String command) {
    }

    private Pgbench() {
    }

    static Result run(String adminJdbcUrl, int pgPort, int clients, int seconds, Path workDir, double ticksPerSecond)
            throws SQLException, IOException, InterruptedException {
        prepare(adminJdbcUrl);
        Path script = workDir.resolve("pgbench-update.sql");
        Files.writeString(script, SCRIPT);
        int threads = Math.max(1, Math.min(clients, Runtime.getRuntime().availableProcessors()));
        List<String> command = List.of("pgbench", "-h", "127.0.0.1", "-p", Integer.toString(pgPort), "-U", "postgres",
                "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j", Integer.toString(threads),
                "-T", Integer.toString(seconds), "-f", script.toString(), "bench");
        Command.Finished f = Command.run(command, Map.of("PGPASSWORD", ""), Duration.ofSeconds(seconds + 60L),
                ticksPerSecond);
        if (f.exitCode() != 0) throw new IllegalStateException("pgbench exited with " + f.exitCode() + ":\n" + f.output());
        return new Result(parseTps(f.output()), parseTransactions(f.output()), f.cpuSeconds(),
                String.join(" ", command.subList(0, command.size() - 3)) + " -f <single-row update> bench");
    }

    /** The TPS pgbench reports without the connection set-up time (PostgreSQL 14+ has only that one). */
    static double parseTps(String output) {
        Matcher m = TPS.matcher(output);
        if (m.find()) return Double.parseDouble(m.group(1));
        m = ANY_TPS.matcher(output);
        if (m.find()) return Double.parseDouble(m.group(1));
        throw new IllegalStateException("no tps in the pgbench output:\n" + output);
    }

    static long parseTransactions(String output) {
        Matcher m = TRANSACTIONS.matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The scratch database and table, created once per engine. */
    private static void prepare(String adminJdbcUrl) throws SQLException {
        boolean[] exists = {false};
        Db.query(adminJdbcUrl, "select 1 from pg_database where datname = 'bench'", rs -> exists[0] = true);
        if (!exists[0]) Db.execute(adminJdbcUrl, "create database bench");
        String benchUrl = adminJdbcUrl.substring(0, adminJdbcUrl.lastIndexOf('/') + 1) + "bench";
        Db.execute(benchUrl, "create table if not exists bench_rows (id int primary key, n bigint not null default 0)",
                "insert into bench_rows (id) select g from generate_series(1, " + ROWS + ") g on conflict do nothing",
                "vacuum analyze bench_rows");
    }
}
