package io.forelight.frms.bench;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devstack.Jars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A reactor node's footprint: the node jar as a process with {@code sensors} simulated sensors at
 * {@code interval} and {@code loops} PID loops (each on a temperature sensor, driving a simulated
 * heater, recording its five terms), no coordinator (so nothing is acknowledged and the log grows,
 * as in an outage). After a warm-up, CPU is read from /proc over {@code seconds}, heap from jcmd.
 */
final class ReactorFootprintBench {

  private static final long CLOCK_TICKS = 100;

  private ReactorFootprintBench() {}

  static void run(Bench.Options options) throws Exception {
    int sensors = options.integer("sensors", 16);
    int loops = options.integer("loops", 0);
    if (loops * 4 > sensors) {
      throw new IllegalArgumentException(
          "--loops needs 4 sensors per loop (each reads s0, s4, ...)");
    }
    int seconds = options.integer("seconds", 60);
    int warmUp = options.integer("warm-up", 15); // the JIT's compiling settles in about 100 s
    String interval = options.string("interval", "1s");
    String heap = options.string("heap", "128m");
    // settings added to the node's config, to try one: "pekko.a.b = 2, pekko.c = 3"
    String settings = options.string("node-settings", "");
    // c1: the JIT flag of conf/frms-reactor.service; tiered: the JVM's default, for comparison
    String jit = options.string("jit", "c1");
    if (!jit.equals("c1") && !jit.equals("tiered")) {
      throw new IllegalArgumentException("--jit must be c1 or tiered, got " + jit);
    }
    Path dir = Files.createTempDirectory("frms-reactor-footprint");
    StringBuilder blocks = new StringBuilder();
    String[] kinds = {"temperature", "dissolved-oxygen", "ph", "conductivity"};
    for (int i = 0; i < sensors; i++) {
      blocks
          .append("s")
          .append(i)
          .append(" { kind = ")
          .append(kinds[i % kinds.length])
          .append(", driver = simulated, interval = ")
          .append(interval)
          .append(" }\n");
    }
    StringBuilder control = new StringBuilder(" actuators {\n");
    for (int i = 0; i < loops; i++) {
      control.append("h").append(i).append(" { kind = heater, driver = simulated }\n");
    }
    control.append("}\n loops {\n");
    for (int i = 0; i < loops; i++) {
      control
          .append("l")
          .append(i)
          .append(" { kind = pid, input = s")
          .append(4 * i)
          .append(", output = h")
          .append(i)
          .append(", period = ")
          .append(interval)
          .append(", setpoint = 37 }\n");
    }
    control.append("}\n");
    Path config = dir.resolve("reactor.conf");
    Files.writeString(
        config,
        "frms.reactor { id = footprint, data-dir = \""
            + dir.resolve("data")
            + "\", link { interface = \"127.0.0.1\", port = "
            + FreePorts.pick()
            + ", tls.allow-plaintext = on }\n sensors {\n"
            + blocks
            + "}\n"
            + control
            + "}\npekko.management.http.port = 0\n"
            + settings
            + "\n");
    try (NodeProcess node =
        NodeProcess.start(
            "reactor-footprint",
            Jars.reactor(),
            jvmArgs(heap, jit, config),
            Map.of(),
            dir.resolve("reactor.log"))) {
      Await.until(
          Duration.ofSeconds(60),
          "the node serves its link",
          () -> node.log().contains("serves its link"));
      System.out.printf(
          "%d sensors and %d loops (each recording 5 readings) at %s; warming up %d s, then"
              + " measuring %d s%n",
          sensors, loops, interval, warmUp, seconds);
      Thread.sleep(warmUp * 1000L);
      long cpuBefore = cpuTicks(node.pid());
      ThreadCpu threadsBefore = ThreadCpu.of(node.pid());
      long wallBefore = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long cpuTicks = cpuTicks(node.pid()) - cpuBefore;
      Map<String, Long> byThreads = ThreadCpu.of(node.pid()).since(threadsBefore);
      double wall = (System.nanoTime() - wallBefore) / 1e9;
      double cpuPercent = 100.0 * cpuTicks / CLOCK_TICKS / wall;
      HeapInfo heapInfo = heap(node.pid());
      new Report(
              loops == 0 ? "reactor-footprint" : "reactor-control",
              "Reactor node footprint ("
                  + sensors
                  + " simulated sensors"
                  + (loops == 0 ? "" : ", " + loops + " PID loops with their heaters")
                  + " at "
                  + interval
                  + ")")
          .add("sensors", sensors, "sensors")
          .add("warm-up before measuring", warmUp, "s")
          .add("loops", loops, "loops (each records output, setpoint, P, I, D)")
          .add("CPU", cpuPercent, "% of one core")
          .add(
              "CPU per reading",
              cpuPercent / 100 * 1e6 / nominalRate(sensors, loops, interval),
              "µs (the CPU over the readings the layout logs per second)")
          .add(
              "CPU by threads",
              byThreads.entrySet().stream()
                  .map(
                      e ->
                          String.format(
                              java.util.Locale.ROOT,
                              "%s %.2f",
                              e.getKey(),
                              100.0 * e.getValue() / CLOCK_TICKS / wall))
                  .collect(java.util.stream.Collectors.joining(", ")),
              "% of one core")
          .add("heap used after a full GC", heapInfo.usedAfterGcMb(), "MB")
          .add("heap committed", heapInfo.committedMb(), "MB")
          .add("resident set size", rssMb(node.pid()), "MB")
          .add("max heap given", heap, "")
          .add("node settings added", settings.isEmpty() ? "none" : settings, "")
          .add(
              "JIT",
              jit.equals("c1") ? "C1 only (-XX:TieredStopAtLevel=1)" : "tiered (C1 and C2)",
              "")
          .publish(options);
    } finally {
      WorkDirs.delete(dir); // the node has stopped: its logs are not needed
    }
  }

  /** Readings logged per second: each sensor once per interval, each loop 5 per interval. */
  static double nominalRate(int sensors, int loops, String interval) {
    return (sensors + 5.0 * loops) * UiBench.perSecond(interval);
  }

  /** The JVM flags of conf/frms-reactor.service, or with the JVM's default tiered JIT. */
  private static List<String> jvmArgs(String heap, String jit, Path config) {
    List<String> args = new java.util.ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC"));
    if (jit.equals("c1")) {
      args.add("-XX:TieredStopAtLevel=1");
    }
    args.add("-Dconfig.file=" + config);
    return args;
  }

  private record HeapInfo(double usedAfterGcMb, double committedMb) {}

  private static long cpuTicks(long pid) throws IOException {
    return ThreadCpu.ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
  }

  private static double rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return -1;
  }

  /** Runs a full GC in the node and reads the heap with jcmd (from the same JDK). */
  private static HeapInfo heap(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    run(jcmd.toString(), String.valueOf(pid), "GC.run");
    String info = run(jcmd.toString(), String.valueOf(pid), "GC.heap_info");
    long totalKb = 0;
    long usedKb = 0;
    for (String line : info.lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.startsWith("def new generation") || trimmed.startsWith("tenured generation")) {
        String[] parts = trimmed.split("[ ,]+");
        for (int i = 0; i < parts.length - 1; i++) {
          if (parts[i].equals("total")) {
            totalKb += Long.parseLong(parts[i + 1].replace("K", ""));
          }
          if (parts[i].equals("used")) {
            usedKb += Long.parseLong(parts[i + 1].replace("K", ""));
          }
        }
      }
    }
    return new HeapInfo(usedKb / 1024.0, totalKb / 1024.0);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return output;
  }
}
