package io.forelight.frms.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What mutual TLS on the reactor links costs ingest, in one run: the same fleet measured with its
 * links in plaintext, then over mutual TLS (each hosted reactor with its own key and certificate,
 * as enrolled boards have them), each on a fresh stack (embedded Cassandra, one coordinator,
 * reactor hosts) on this machine:
 *
 * <ol>
 *   <li>CPU per reading at a fixed load ({@code --load-reactors}, well under the maximum): the
 *       coordinator's and the reactor hosts' CPU time per stored reading;
 *   <li>the maximum sustained ingest: a host of {@code --step} more reactors at a time until
 *       storage falls behind (as the ingest bench finds it).
 * </ol>
 */
final class TlsBench {

  private TlsBench() {}

  /** One mode's figures. */
  private record Measured(LoadWindow fixed, LoadWindow best, List<LoadWindow> ramp) {
    double coordinatorMicrosPerReading() {
      return fixed.coresUsed().coordinator() * 1e6 / fixed.stored();
    }

    double hostMicrosPerReading() {
      return fixed.coresUsed().hosts() * 1e6 / fixed.stored();
    }
  }

  static void run(Bench.Options options) throws Exception {
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "100ms");
    int loadReactors = options.integer("load-reactors", 50);
    int step = options.integer("step", 40);
    int maxSteps = options.integer("max-steps", 10);
    int hold = options.integer("hold", 30);
    int warmUp = options.integer("warm-up", 15);
    double perReactor = sensors * 1000.0 / IngestBench.parseMillis(interval);
    Measured plaintext = null;
    Measured tls = null;
    for (boolean withTls : new boolean[] {false, true}) {
      System.out.println(withTls ? "=== links over mutual TLS" : "=== links in plaintext");
      try (BenchFleet fleet = new BenchFleet(options, "1g", withTls)) {
        fleet.addHost(loadReactors, sensors, interval, false);
        IngestBench.settle(fleet, warmUp, loadReactors * perReactor);
        LoadWindow fixed = LoadWindow.measure(fleet, loadReactors * perReactor, hold);
        List<LoadWindow> ramp = new ArrayList<>();
        LoadWindow best =
            IngestBench.ramp(fleet, step, maxSteps, sensors, interval, hold, warmUp, ramp);
        Measured measured = new Measured(fixed, best, ramp);
        if (withTls) {
          tls = measured;
        } else {
          plaintext = measured;
        }
      }
    }
    report(options, sensors, interval, plaintext, tls);
  }

  private static void report(
      Bench.Options options, int sensors, String interval, Measured plaintext, Measured tls) {
    Report report =
        new Report(
            "tls",
            "Mutual TLS on the reactor links versus plaintext: reactors of "
                + sensors
                + " sensors at "
                + interval
                + ", one coordinator, everything on one machine, both measured in one run");
    report
        .add("maximum sustained ingest, plaintext", plaintext.best().logged(), "readings/s")
        .add("maximum sustained ingest, mutual TLS", tls.best().logged(), "readings/s")
        .add("  TLS / plaintext", 100 * tls.best().logged() / plaintext.best().logged(), "%")
        .add(
            "fixed load for CPU per reading",
            plaintext.fixed().reactors()
                + " reactors, "
                + Math.round(plaintext.fixed().stored())
                + " / "
                + Math.round(tls.fixed().stored()),
            "readings/s stored (plaintext / TLS)")
        .add(
            "coordinator CPU per reading, plaintext", plaintext.coordinatorMicrosPerReading(), "µs")
        .add("coordinator CPU per reading, mutual TLS", tls.coordinatorMicrosPerReading(), "µs")
        .add("reactor-host CPU per reading, plaintext", plaintext.hostMicrosPerReading(), "µs")
        .add("reactor-host CPU per reading, mutual TLS", tls.hostMicrosPerReading(), "µs")
        .add("latency p99 at the fixed load, plaintext", plaintext.fixed().p99Millis(), "ms")
        .add("latency p99 at the fixed load, mutual TLS", tls.fixed().p99Millis(), "ms");
    for (Measured m : List.of(plaintext, tls)) {
      String mode = m == tls ? "TLS" : "plaintext";
      for (LoadWindow window : m.ramp()) {
        report.add(
            "ramp ("
                + mode
                + "): "
                + window.reactors()
                + " reactors, logged "
                + Math.round(window.logged())
                + "/s"
                + String.format(
                    ", coordinator %.2f cores (%.0f µs per reading), hosts %.0f µs per reading",
                    window.coresUsed().coordinator(),
                    window.coresUsed().coordinator() * 1e6 / window.stored(),
                    window.coresUsed().hosts() * 1e6 / window.stored())
                + (window.sustained() ? " (held)" : " (NOT held)"),
            window.stored(),
            "readings/s stored");
      }
    }
    report.publish(options);
  }
}
