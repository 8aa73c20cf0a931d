package io.forelight.frms.bench;

import io.forelight.frms.node.CallbackThreads;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one benchmark: {@code java -jar bench/target/bench.jar <name> [--option value ...]}. Each
 * prints its figures and writes them as JSON and markdown under {@code bench/results/}.
 */
public final class Bench {

  static {
    // first of all, before any logging or future makes the JDK pick its callback executor
    CallbackThreads.atLeastTwo();
  }

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      usage();
      return;
    }
    Map<String, String> options = new LinkedHashMap<>();
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    for (int i = 0; i < rest.length; i += 2) {
      if (!rest[i].startsWith("--") || rest[i].equals("--help")) {
        usage();
        return;
      }
      if (i + 1 == rest.length) {
        System.err.println("option " + rest[i] + " needs a value (--name value)");
        usage();
        return;
      }
      options.put(rest[i].substring(2), rest[i + 1]);
    }
    try {
      run(args[0], new Options(options));
    } catch (IllegalArgumentException e) {
      System.err.println(args[0] + ": " + e.getMessage());
      System.exit(2);
    }
    System.exit(0);
  }

  private static void run(String benchmark, Options opts) throws Exception {
    switch (benchmark) {
      case "reactor-log" -> ReactorLogBench.run(opts);
      case "reactor-footprint" -> ReactorFootprintBench.run(opts);
      case "reactor-recovery" -> ReactorRecoveryBench.run(opts);
      case "ingest" -> IngestBench.run(opts);
      case "tls" -> TlsBench.run(opts);
      case "overload" -> OverloadBench.run(opts);
      case "cluster" -> ClusterBench.run(opts);
      case "catch-up" -> CatchUpBench.run(opts);
      case "request-pacing" -> RequestPacingBench.run(opts);
      case "coordinator-footprint" -> CoordinatorFootprintBench.run(opts);
      case "coordinator-soak" -> CoordinatorSoakBench.run(opts);
      case "reactor-host" -> ReactorHost.run(opts);
      case "completeness" -> CompletenessBench.run(opts);
      case "access" -> AccessBench.run(opts);
      case "export" -> ExportBench.run(opts);
      case "ui" -> UiBench.run(opts);
      case "ui-soak" -> UiSoakBench.run(opts);
      case "heap-referrers" -> HeapReferrers.run(opts);
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println(
        String.join(
            "\n",
            "usage: java -jar bench/target/bench.jar <benchmark> [--option value ...]",
            "  reactor-log        local log write rate of a reactor: --sensors 32 --seconds 20",
            "  reactor-footprint  reactor node CPU and heap: --sensors 16 --loops 0 --interval 1s --seconds 60",
            "                     --warm-up 15 --jit c1|tiered (c1: as conf/frms-reactor.service)",
            "                     --node-settings 'pekko.x = 1, ...' (added to the node's config)",
            "  reactor-recovery   opening a large flash log after a restart: --mb 1024 --sensors 16",
            "  ingest             maximum sustained ingest (rising load), latency at 50% and 90% of it,",
            "                     raw-Cassandra limit: --sensors 8 --interval 100ms --step 25 --hold 60",
            "  tls                mutual TLS on the links versus plaintext, one run: CPU per reading at",
            "                     a fixed load, maximum sustained ingest: --load-reactors 50 --step 40 --hold 30",
            "  overload           2x the maximum ingest for 5 minutes, then half until drained; stored",
            "                     rate per 10 s as overload.svg: --max 16000 --factor 2 --overload-seconds 300",
            "                     [--surplus-warm-up 20: the surplus reactors store first, before the baseline]",
            "                     (--sampling direct; without --max, the ingest ramp finds it first)",
            "  cluster            two coordinators share the fleet (links, cores, stored rate per node),",
            "                     then one is killed: --reactors 400 --sensors 8 --interval 1s --seconds 120",
            "                     (--sampling direct; --colocate false: colocate-shards off)",
            "  catch-up           drain after an outage: --reactors 100 --sensors 8 --interval 1s --outage 600",
            "  request-pacing     Cassandra CPU for lease renewals spread evenly or in one burst:",
            "                     --leases 200 --interval-ms 1500 --seconds 60",
            "  coordinator-footprint  heap per reactor: --reactors 1000 --sensors 8 --interval 1s",
            "                     --heap-dump true (the loaded coordinator's heap, for heap-referrers)",
            "                     --start quiet (hosts sample only once every link is live; also soak)",
            "  coordinator-soak   a fleet carried for a long time: heap after GC, p99, backlog per window",
            "                     and their trends: --reactors 1000 --minutes 30 --window-seconds 60 --heap-every 5",
            "                     --warm-up-minutes 10 (light generator unless --sampling actors)",
            "  completeness       completeness of a sensor with a month at 10 Hz: --days 30 --hz 10 --gaps 10",
            "  access             login cost (Argon2id) and the check of every request:",
            "                     --hashes 20 --reads 2000 --rate 200 --seconds 20 --gets 2000",
            "  export             CSV export rate and heap growth: --days 30 --sensors 8 (20.7 M rows)",
            "  ui                 the web UI in Chromium under load: page loads, commit to drawn, export:",
            "                     --reactors 100 --sensors 8 --interval 100ms --sampling direct --seconds 60",
            "  ui-soak            the fleet and a reactor page left open: JS heap, DOM nodes, listeners",
            "                     and coordinator heap over time: --minutes 30 --reactors 20 --interval 20ms",
            "  heap-referrers     who holds the arrays of a heap dump (jcmd <pid> GC.heap_dump f):",
            "                     --dump f --classes int[],byte[] --depth 4 --top 40; or by owner (the",
            "                     nearest object of these packages above each object): --dump f --by owner",
            "                     --owners io.forelight,org.apache.pekko,io.grpc,scala,io.netty --top 60",
            "  reactor-host       (used by the others) simulated reactors in one JVM: --config host.conf",
            "common: --results bench/results (where the JSON and markdown go),",
            "        --profile true (JFR recordings of the coordinator and hosts, in the work directory),",
            "        --coordinator-heap 1g, --cassandra-heap-mb 2048, --coordinator-gc g1|serial",
            "        (G1 as java -jar picks; each coordinator's GC log is in the work directory),",
            "        --cassandra-memtable-mb 512 (Cassandra's memtable space on the heap and as much off it;",
            "        a quarter of its heap unless set),",
            "        --cassandra-compaction-mib 8 (Cassandra's compaction_throughput, MiB/s; 64 unless set),",
            "        --storing-cores 0.7 (Cassandra and the coordinators held to that many cores by a",
            "        cgroup quota, the generator has the rest; needs root; unset: all share the cores),",
            "        --writes-in-flight N (the coordinators' ingest.max-writes-in-flight),",
            "        --history-share 0.8 (the coordinators' ingest.history-share; 1: history first always),",
            "        --readings-in-hand N (the coordinators' ingest.max-readings-in-hand),",
            "        --linger 200ms (the batch linger the coordinators ask of reactors; 0: the reactors' own),",
            "        --acknowledge-interval 1s (how often the coordinators' links acknowledge at most),",
            "        --sampling actors|direct (how simulated reactors make readings: the node's sensor",
            "        actors, or appended straight to each reactor's log by one thread per host),",
            "        --spread true|false (reactors sample at their own point of the interval, as nodes",
            "        do by default; false: all at the same wall-clock instant),",
            "        --keep-data true (the fleet benches keep what Cassandra and the reactors stored in",
            "        the work directory; by default only its logs, configuration and profiles stay)"));
    System.exit(2);
  }

  /** Benchmark options with defaults; a value that is not of the option's kind is named. */
  public record Options(Map<String, String> values) {
    public int integer(String key, int fallback) {
      return parsed(key, fallback, Integer::parseInt, "a whole number");
    }

    public double decimal(String key, double fallback) {
      return parsed(key, fallback, Double::parseDouble, "a number");
    }

    private <T> T parsed(String key, T fallback, Function<String, T> parse, String kind) {
      String value = values.getOrDefault(key, String.valueOf(fallback));
      try {
        return parse.apply(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--" + key + " must be " + kind + ", got '" + value + "'");
      }
    }

    public String string(String key, String fallback) {
      return values.getOrDefault(key, fallback);
    }

    /** {@code true} or {@code false}; anything else is refused rather than read as false. */
    public boolean flag(String key, boolean fallback) {
      String value = values.getOrDefault(key, String.valueOf(fallback)).trim();
      if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(value);
      }
      throw new IllegalArgumentException(
          "--" + key + " must be true or false, got '" + value + "'");
    }

    public boolean flag(String key) {
      return flag(key, false);
    }
  }
}
