package dev.ticketing.proof.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the bench reads from its tools and from /proc. */
class ParsingTest {
    @Test
    void pgbenchTpsAndTransactions() {
        String out = """
                pgbench (15.20 (Debian 15.20-0+deb12u1))
                transaction type: /tmp/pgbench-update.sql
                scaling factor: 1
                query mode: prepared
                number of clients: 8
                number of threads: 2
                maximum number of tries: 1
                duration: 10 s
                number of transactions actually processed: 69123
                number of failed transactions: 0 (0.000%)
                latency average = 1.157 ms
                initial connection time = 14.080 ms
                tps = 6913.402051 (without initial connection time)
                """;
        assertThat(Pgbench.parseTps(out)).isEqualTo(6913.402051);
        assertThat(Pgbench.parseTransactions(out)).isEqualTo(69123);
        assertThatThrownBy(() -> Pgbench.parseTps("connection refused")).hasMessageContaining("no tps");
    }

    @Test
    void theLuaScriptsResultLine() {
        String out = """
                Running 10m test @ http://127.0.0.1:3001
                  1 threads and 16 connections
                  5000 requests in 17.52s, 1.43MB read
                bench-wrk: ok=4998 status_4xx=2 status_5xx=0 first_ms=1000.500 last_ms=11000.500 late=3 max_late_ms=12.5 quota=5000 socket_errors=0
                """;
        WrkResult r = WrkResult.parse(out, 0.5);
        assertThat(r.ok()).isEqualTo(4998);
        assertThat(r.status4xx()).isEqualTo(2);
        assertThat(r.complete()).isFalse();
        assertThat(r.failed()).isEqualTo(2);
        assertThat(r.seconds()).isEqualTo(10.0);
        assertThat(r.okPerSecond()).isEqualTo(499.8);
        assertThat(r.coreShare()).isEqualTo(0.05);
        assertThat(r.late()).isEqualTo(3);
        assertThatThrownBy(() -> WrkResult.parse("unable to connect", 0)).hasMessageContaining("no result line");
    }

    @Test
    void aRunThatEndedByItsDurationIsNotComplete() {
        WrkResult r = WrkResult.parse("bench-wrk: ok=10 status_4xx=0 status_5xx=0 first_ms=5.0 last_ms=0.000 late=0 "
                + "max_late_ms=0.0 quota=10 socket_errors=0", 0);
        assertThat(r.complete()).isFalse();
    }

    @Test
    void procStatCountsFieldsFromTheLastParenthesis() {
        String line = "4242 (java (worker) 1) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 75 30 12 20 0 40 0 123 0 0";
        ProcStat.Times t = ProcStat.parseStat(line);
        assertThat(t.pid()).isEqualTo(4242);
        assertThat(t.ppid()).isEqualTo(17);
        assertThat(t.own()).isEqualTo(325);
        assertThat(t.withReapedChildren()).isEqualTo(367);
    }

    @Test
    void theJitCompilerThreadsAreKnownByTheirNames() {
        assertThat(ProcStat.isCompilerThread("811 (C2 CompilerThre) S 1 2 3")).isTrue();
        assertThat(ProcStat.isCompilerThread("812 (C1 CompilerThre) S 1 2 3")).isTrue();
        assertThat(ProcStat.isCompilerThread("813 (VM Thread) S 1 2 3")).isFalse();
        assertThat(ProcStat.isCompilerThread("814 (tickets:1) S 1 2 3")).isFalse();
    }

    @Test
    void machineBusyLeavesOutIdleAndIowait() {
        String stat = "cpu  100 5 50 1000 40 3 2 1 0 0\ncpu0 50 2 25 500 20 1 1 0 0 0\n";
        assertThat(ProcStat.parseMachineBusy(stat)).isEqualTo(100 + 5 + 50 + 3 + 2 + 1);
    }

    @Test
    void aServerIsFoundByProgramAndPort() {
        List<String> pg = List.of("/usr/lib/postgresql/15/bin/postgres", "-D", "/tmp/x", "-p", "35963", "-k", "/tmp/s");
        assertThat(ProcStat.matches(pg, "postgres", 35963)).isTrue();
        assertThat(ProcStat.matches(pg, "postgres", 15432)).isFalse();
        assertThat(ProcStat.matches(List.of("postgres: postgres tickets 127.0.0.1(5555) idle"), "postgres", 35963)).isFalse();
        assertThat(ProcStat.matches(List.of("nats-server", "-a", "127.0.0.1", "-p", "14222"), "nats-server", 14222)).isTrue();
    }

    @Test
    void theWrappersCpuLine() {
        assertThat(Command.cpuTicks("output\nbench-child-cpu-ticks: 345\n")).isEqualTo(345);
        assertThat(Command.cpuTicks("no line")).isZero();
    }
}
