package io.forelight.frms.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fixed share of the machine for the storing side ({@code --storing-cores 0.7}): Cassandra and
 * the coordinators run in a CPU cgroup with that quota (CFS bandwidth: at most that many cores'
 * worth of CPU time per 100 ms), and the load generator (reactor hosts, the bench itself) has the
 * rest. On one machine the generator's work otherwise comes out of what storing gets, so a bench
 * that offers more than the maximum also takes CPU from storing; in production the reactors run on
 * their own boards. With a quota, what storing can do no longer depends on what the generator
 * spends, and overload measures the node alone. Needs a writable cgroup cpu controller (root);
 * cgroup v1 ({@code /sys/fs/cgroup/cpu}) or v2. Unset (the default): no cgroup, all share.
 */
final class StoringQuota implements AutoCloseable {

  private static final long PERIOD_MICROS = 100_000;
  private static final Path V1 = Path.of("/sys/fs/cgroup/cpu");
  private static final Path V2 = Path.of("/sys/fs/cgroup");

  private final double cores;
  private final Path group; // null: no quota

  private StoringQuota(double cores, Path group) {
    this.cores = cores;
    this.group = group;
  }

  /** From {@code --storing-cores}: a number of cores above 0, at most the machine's. */
  static StoringQuota of(Bench.Options options) {
    String value = options.string("storing-cores", "");
    if (value.isEmpty()) {
      return new StoringQuota(0, null);
    }
    double cores;
    try {
      cores = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      cores = Double.NaN;
    }
    int machine = Runtime.getRuntime().availableProcessors();
    if (!(cores > 0 && cores <= machine)) {
      throw new IllegalArgumentException(
          "--storing-cores is the cores Cassandra and the coordinators may use, above 0 and at most"
              + " this machine's "
              + machine
              + ", got '"
              + value
              + "'");
    }
    StoringQuota quota = new StoringQuota(cores, create(cores));
    // a bench stopped by a signal does not close its fleet: the cgroup would be left behind
    Runtime.getRuntime().addShutdownHook(new Thread(quota::close, "storing-quota-removal"));
    return quota;
  }

  private static Path create(double cores) {
    long quota = Math.round(cores * PERIOD_MICROS);
    String name = "frms-bench-" + ProcessHandle.current().pid();
    try {
      if (Files.isDirectory(V1)) {
        Path group = Files.createDirectory(V1.resolve(name));
        Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
        Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        return group;
      }
      Path group = Files.createDirectory(V2.resolve(name));
      Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
      return group;
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException(
          "--storing-cores needs a writable cgroup cpu controller (run as root, cgroup v1 at "
              + V1
              + " or v2 with the cpu controller enabled): "
              + e,
          e);
    }
  }

  boolean active() {
    return group != null;
  }

  /** What the report says of how the machine was shared. */
  String describe() {
    return active()
        ? String.format(
            "Cassandra and the coordinators held to %.2f cores (cgroup quota); the generator has"
                + " the rest",
            cores)
        : "shared: Cassandra, the coordinators and the generator on the same cores";
  }

  /** Puts a process (all its threads, and those it starts later) under the quota. */
  void add(long pid, String what) {
    if (group == null) {
      return;
    }
    try {
      Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not put " + what + " (pid " + pid + ") under the storing quota: " + e, e);
    }
  }

  /**
   * Removes the cgroup (once; again changes nothing); processes still in it go back to its parent.
   */
  @Override
  public synchronized void close() {
    if (group == null || !Files.isDirectory(group)) {
      return;
    }
    try {
      List<String> left = Files.readAllLines(group.resolve("cgroup.procs"));
      for (String pid : left) {
        Files.writeString(group.getParent().resolve("cgroup.procs"), pid);
      }
      Files.delete(group);
    } catch (IOException e) {
      System.out.println("could not remove the cgroup " + group + ": " + e);
    }
  }
}
