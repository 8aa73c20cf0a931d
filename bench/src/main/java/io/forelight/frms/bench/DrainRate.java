package io.forelight.frms.bench;

import io.forelight.frms.devkit.FaultProxy;
import java.util.List;

/**
 * The coordinator's own storing rate, without the generator's sampling in the way: a fresh host's
 * links are cut while its reactors log for {@code cutSeconds}, then sampling is paused and the
 * links restored, and the backlog drains with nothing new arriving. The rate is taken between 10 %
 * and 90 % of the backlog acknowledged (acknowledged only once committed), so the links'
 * reconnection and the last stragglers do not count; the CPU over the same span gives the cost per
 * reading. The drain's host runs the light generator whatever {@code --sampling} says: only it
 * pauses, and with sampling paused the generator makes no difference.
 */
record DrainRate(long backlog, double readingsPerSecond, BenchFleet.CpuUse cores) {

  static DrainRate measure(BenchFleet fleet, int reactors, int sensors, String interval, int cut)
      throws Exception {
    fleet.removeHosts();
    int firstProxy = fleet.proxies.size();
    BenchFleet.Host host = fleet.addPausableHost(reactors, sensors, interval);
    List<FaultProxy> proxies = fleet.proxies.subList(firstProxy, fleet.proxies.size());
    proxies.forEach(FaultProxy::cut);
    System.out.printf("drain: %d links cut for %d s while their reactors log%n", reactors, cut);
    Thread.sleep(cut * 1000L);
    fleet.pauseSampling(host, true);
    long acknowledgedBefore = fleet.acknowledged();
    long backlog = fleet.logged() - acknowledgedBefore;
    System.out.printf("drain: sampling paused, %,d readings to store; links restored%n", backlog);
    proxies.forEach(FaultProxy::restore);
    long atTenPercent = acknowledgedBefore + backlog / 10;
    long atNinetyPercent = acknowledgedBefore + backlog * 9 / 10;
    long deadline = System.nanoTime() + 600_000_000_000L;
    long acknowledged = acknowledgedBefore;
    long fromNanos = 0;
    long fromAcknowledged = 0;
    BenchFleet.CpuUse fromCpu = null;
    while (acknowledged < atNinetyPercent) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "drain: not 90 % stored within 10 minutes ("
                + (acknowledged - acknowledgedBefore)
                + ")");
      }
      Thread.sleep(200);
      acknowledged = fleet.acknowledged();
      if (fromCpu == null && acknowledged >= atTenPercent) {
        fromNanos = System.nanoTime();
        fromAcknowledged = acknowledged;
        fromCpu = fleet.cpu();
      }
    }
    double seconds = (System.nanoTime() - fromNanos) / 1e9;
    if (seconds < 2) {
      throw new IllegalStateException(
          "drain: the backlog (" + backlog + ") drained too fast to time: cut the links longer");
    }
    BenchFleet.CpuUse used = fleet.cpu().minus(fromCpu);
    DrainRate rate =
        new DrainRate(backlog, (acknowledged - fromAcknowledged) / seconds, used.per(seconds));
    System.out.printf(
        "drain: %,.0f readings/s stored (10 %% to 90 %% of the backlog in %.1f s), cores %s%n",
        rate.readingsPerSecond(), seconds, rate.cores().split());
    return rate;
  }

  /** Coordinator CPU per stored reading, in microseconds. */
  double coordinatorMicrosPerReading() {
    return cores.coordinator() * 1e6 / readingsPerSecond;
  }

  /** Cassandra CPU per stored reading, in microseconds. */
  double cassandraMicrosPerReading() {
    return cores.cassandra() * 1e6 / readingsPerSecond;
  }
}
