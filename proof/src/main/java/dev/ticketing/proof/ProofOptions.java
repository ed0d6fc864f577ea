package dev.ticketing.proof;

import static dev.ticketing.proof.Args.positive;
import static dev.ticketing.proof.Args.value;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a proof run does. {@code --chaos} turns on every chaos option with its default.
 *
 * @param killEvery     kill -9 a random orders replica this often during the drive (zero: never)
 * @param maxKills      stop killing after this many (0: no limit)
 * @param brokerOutage  stop nats-server this long once, mid-drive (zero: never)
 * @param pgRestart     restart PostgreSQL once, mid-drive
 * @param pgDown        how long PostgreSQL stays stopped in that restart
 * @param natsNodes     broker nodes: 1, or 3 (a cluster; the streams are then kept on all three)
 * @param nodeKill      which broker node to kill -9 once, mid-drive: {@link NodeKill#NONE}, a random one, or
 *                      the leader of the events stream
 * @param nodeDown      how long the killed node stays down before it is started again
 * @param brokerCrash   crash the broker's host once, mid-drive (one node): what it acked after its last "fsync"
 *                      (a copy of its store taken while it was frozen) is lost
 * @param nodeCrash     the same to one node of a 3-node broker
 * @param allNodesCrash the same to all three nodes at once (a power cut)
 * @param crashWindow   how long the drive goes on between the snapshot of the store and the crash
 * @param pauseReplica  freeze one replica (SIGSTOP) this long once, mid-drive (zero: never)
 * @param pauseBroker   freeze nats-server (on a cluster: the node that leads the events stream) this long once,
 *                      mid-drive (zero: never)
 * @param clockStep     step one service JVM's wall clock +5 s, then -5 s, then back, mid-drive (libfaketime)
 * @param hosts         the parts on test hosts of their own (network namespaces; the broker has 3 nodes)
 * @param cuts          the network partitions struck during the drive (with {@code hosts})
 * @param cutFor        how long each partition lasts before it heals
 */
public record ProofOptions(String scenario, int tickets, int replicas, int clients, Duration killEvery, int maxKills,
                           Duration brokerOutage, boolean pgRestart, Duration pgDown, Duration quietTimeout, Path root,
                           int natsNodes, NodeKill nodeKill, Duration nodeDown, boolean brokerCrash, boolean nodeCrash,
                           boolean allNodesCrash, Duration crashWindow, Duration pauseReplica, Duration pauseBroker,
                           boolean clockStep, boolean hosts, java.util.Set<Cut> cuts, Duration cutFor) {

    /** The broker node a node kill strikes. */
    public enum NodeKill { NONE, RANDOM, LEADER }

    /** A network partition between the test hosts, by its option name. */
    public enum Cut {
        NODE("node"), OWNER_PG("owner-pg"), REPLICA_BROKER("replica-broker"), REPLICA_PG("replica-pg"), BRIDGE("bridge"),
        OWNER_BROKER("owner-broker");

        public final String option;

        Cut(String option) {
            this.option = option;
        }

        static java.util.Set<Cut> parse(String list) {
            if (list.equals("all")) return java.util.EnumSet.allOf(Cut.class);
            java.util.Set<Cut> cuts = java.util.EnumSet.noneOf(Cut.class);
            for (String name : list.split(",")) {
                cuts.add(java.util.Arrays.stream(values()).filter(c -> c.option.equals(name.trim())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("--partition takes all or a list of node, "
                                + "owner-pg, replica-broker, replica-pg, bridge, owner-broker; not " + name)));
            }
            return cuts;
        }
    }

    static final String USAGE = """
            usage: ./ticketing proof [options]
              --scenario S        prices (default): create + update(10) + update(15) per ticket;
                                  reservations: orders created/cancelled while prices change;
                                  accounting: random deposits/withdrawals of many users into K
                                  accounts replicas (3 transactions per --tickets unit);
                                  purchase: users sign up, sell tickets, order them, and pay at
                                  once, pay at the last moment or let the order expire (5 s)
              --tickets N         tickets to drive (default 200)
              --replicas K        orders (or accounts) replicas, separate JVMs in one queue group (default 4)
              --clients C         concurrent HTTP clients (default 16)
              --nats-nodes N      broker nodes: 1 (default) or 3, a nats-server cluster on 127.0.0.1
                                  whose streams are replicated to all three (R3)
              --chaos             all chaos on: --kill-every 10 --broker-outage 3 --pg-restart
                                  --pause-replica 8 --pause-broker 5 --clock-step, with one node also
                                  --broker-crash, and with --nats-nodes 3 also --node-kill random
                                  --node-crash --all-nodes-crash
              --kill-every S      kill -9 a random replica every S seconds and restart it
              --kills M           at most M kills (default: no limit)
              --broker-outage T   stop nats-server for T seconds once, mid-run
              --pg-restart        restart PostgreSQL once, mid-run
              --pg-outage T       stop PostgreSQL for T seconds once, mid-run, then start it again
              --node-kill WHICH   kill -9 one broker node once, mid-run (--nats-nodes 3): random, or
                                  leader (the node that leads the EVENTS stream), and restart it
              --node-down T       how long that node stays down (default 5 s)
              --broker-crash      crash the broker's host once, mid-run (one node): freeze the replicas,
                                  copy the broker's store while it is frozen (what its disk holds:
                                  nats-server acks before it fsyncs), go on for the crash window, then
                                  kill -9 it, put the copy back, start it and thaw the replicas; what
                                  it acked in the window is lost. Prints the events lost and the
                                  replicas' recovery time
              --node-crash        the same to one random broker node (--nats-nodes 3)
              --all-nodes-crash   the same to all three nodes at once, a power cut (--nats-nodes 3)
              --crash-window T    seconds between the copy of the store and the crash (default 3)
              --pause-replica T   freeze one replica (SIGSTOP) for T seconds once, mid-run, then SIGCONT;
                                  past the lease ttl (1.5 s) and the ack wait (1 s) the others take over
              --pause-broker T    freeze nats-server (SIGSTOP) for T seconds once, mid-run, then SIGCONT;
                                  with --nats-nodes 3 the node that leads the EVENTS stream
              --clock-step        run orders-1 (accounts-1) under libfaketime and, at 25 % of the
                                  run, step its wall clock to +5 s, then -5 s (10 s back), then back
                                  to the real time, a few seconds each (package faketime)
              --hosts             the parts on test hosts of their own (network namespaces on a private
                                  bridge, scripts/hosts.sh; needs root): broker node I on host I (a
                                  3-node broker), PostgreSQL on host 4, the owner and the other services
                                  on host 1, the odd replicas on host 2, the even ones on host 3; with
                                  --chaos also --partition all
              --partition LIST    network partitions during the drive (--hosts), one after the other,
                                  each healed after --partition-for: all, or a comma-separated list of
                                  node (host 2 cut off from hosts 1 and 3), replica-broker (host 2 cut
                                  off from every broker node's client port), replica-pg (host 3 cut off
                                  from PostgreSQL), bridge (hosts 1 and 3 cut, both see host 2),
                                  owner-broker (host 1, the owner's, cut off from every client port),
                                  owner-pg (host 1 cut off from PostgreSQL: its writes are refused, 503)
              --partition-for T   how long each partition lasts (default 6 s)
              --timeout S         longest wait for the replicas to converge (default 180)
            The last line printed is a machine-readable summary; the exit code is 1 on any divergence,
            missing record or dead letter, on a service's 500, and, with partitions, on a call that timed out.""";

    public boolean chaos() {
        return !killEvery.isZero() || !brokerOutage.isZero() || pgRestart || nodeKill != NodeKill.NONE || crashes() > 0
                || !pauseReplica.isZero() || !pauseBroker.isZero() || clockStep || !cuts.isEmpty();
    }

    /** Host crashes of the broker the run strikes with. */
    public int crashes() {
        return (brokerCrash ? 1 : 0) + (nodeCrash ? 1 : 0) + (allNodesCrash ? 1 : 0);
    }

    /** On how many broker nodes the streams are kept. */
    public int streamReplicas() {
        return natsNodes;
    }

    static ProofOptions parse(String[] args, Path root) {
        String scenario = "prices";
        int tickets = 200, replicas = 4, clients = 16, maxKills = 0;
        Duration killEvery = Duration.ZERO, outage = Duration.ZERO, pgDown = Duration.ZERO, timeout = Duration.ofSeconds(180);
        boolean pg = false, allChaos = false, clockStep = false;
        int natsNodes = 1;
        NodeKill nodeKill = null;
        Duration nodeDown = Duration.ofSeconds(5), crashWindow = Duration.ofSeconds(3);
        boolean brokerCrash = false, nodeCrash = false, allNodesCrash = false, hosts = false;
        Duration pauseReplica = Duration.ZERO, pauseBroker = Duration.ZERO, cutFor = Duration.ofSeconds(6);
        java.util.Set<Cut> cuts = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--scenario" -> scenario = value(args, ++i, a);
                case "--tickets" -> tickets = positive(args, ++i, a);
                case "--replicas" -> replicas = positive(args, ++i, a);
                case "--clients" -> clients = positive(args, ++i, a);
                case "--kill-every" -> killEvery = Duration.ofSeconds(positive(args, ++i, a));
                case "--kills" -> maxKills = positive(args, ++i, a);
                case "--broker-outage" -> outage = Duration.ofSeconds(positive(args, ++i, a));
                case "--pg-restart" -> pg = true;
                case "--pg-outage" -> {
                    pg = true;
                    pgDown = Duration.ofSeconds(positive(args, ++i, a));
                }
                case "--timeout" -> timeout = Duration.ofSeconds(positive(args, ++i, a));
                case "--chaos" -> {
                    killEvery = Duration.ofSeconds(10);
                    outage = Duration.ofSeconds(3);
                    pg = true;
                    pauseReplica = Duration.ofSeconds(8);
                    pauseBroker = Duration.ofSeconds(5);
                    clockStep = true;
                    allChaos = true;
                }
                case "--nats-nodes" -> natsNodes = positive(args, ++i, a);
                case "--node-kill" -> nodeKill = nodeKill(value(args, ++i, a));
                case "--node-down" -> nodeDown = Duration.ofSeconds(positive(args, ++i, a));
                case "--broker-crash" -> brokerCrash = true;
                case "--node-crash" -> nodeCrash = true;
                case "--all-nodes-crash" -> allNodesCrash = true;
                case "--crash-window" -> crashWindow = Duration.ofSeconds(positive(args, ++i, a));
                case "--pause-replica" -> pauseReplica = Duration.ofSeconds(positive(args, ++i, a));
                case "--pause-broker" -> pauseBroker = Duration.ofSeconds(positive(args, ++i, a));
                case "--clock-step" -> clockStep = true;
                case "--hosts" -> hosts = true;
                case "--partition" -> cuts = Cut.parse(value(args, ++i, a));
                case "--partition-for" -> cutFor = Duration.ofSeconds(positive(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!List.of("prices", "reservations", "accounting", "purchase").contains(scenario)) {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        if (hosts) natsNodes = 3;
        if (cuts != null && !hosts) throw new IllegalArgumentException("--partition needs --hosts");
        if (cuts == null) cuts = allChaos && hosts ? java.util.EnumSet.allOf(Cut.class) : java.util.EnumSet.noneOf(Cut.class);
        if (natsNodes != 1 && natsNodes != 3) throw new IllegalArgumentException("--nats-nodes is 1 or 3");
        if (nodeKill != null && natsNodes == 1) throw new IllegalArgumentException("--node-kill needs --nats-nodes 3");
        if (nodeKill == null) nodeKill = allChaos && natsNodes > 1 ? NodeKill.RANDOM : NodeKill.NONE;
        if (brokerCrash && natsNodes > 1) {
            throw new IllegalArgumentException("--broker-crash is for one node: with --nats-nodes 3 use --node-crash or --all-nodes-crash");
        }
        if ((nodeCrash || allNodesCrash) && natsNodes == 1) {
            throw new IllegalArgumentException("--node-crash and --all-nodes-crash need --nats-nodes 3 (one node: --broker-crash)");
        }
        if (allChaos && natsNodes == 1) brokerCrash = true;
        if (allChaos && natsNodes > 1) {
            nodeCrash = true;
            allNodesCrash = true;
        }
        return new ProofOptions(scenario, tickets, replicas, clients, killEvery, maxKills, outage, pg, pgDown, timeout, root,
                natsNodes, nodeKill, nodeDown, brokerCrash, nodeCrash, allNodesCrash, crashWindow, pauseReplica, pauseBroker,
                clockStep, hosts, java.util.Set.copyOf(cuts), cutFor);
    }

    private static NodeKill nodeKill(String which) {
        return switch (which) {
            case "random" -> NodeKill.RANDOM;
            case "leader" -> NodeKill.LEADER;
            default -> throw new IllegalArgumentException("--node-kill is random or leader, not " + which);
        };
    }
}
