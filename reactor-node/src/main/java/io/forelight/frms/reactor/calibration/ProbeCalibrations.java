package io.forelight.frms.reactor.calibration;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import io.forelight.frms.reactor.layout.SensorLayout.Outcome;
import io.forelight.frms.reactor.sensor.Sensor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The node's probe calibrations: one {@link ProbeCalibration} child per calibratable sensor (its
 * driver takes calibration points), made when the sensor first starts and kept while the node runs
 * (a sensor stopped for a while keeps its calibration history).
 */
public final class ProbeCalibrations {

  /** Calibrate one probe; answered with a {@link ProbeCalibration.Reply}. */
  public record Request(
      String key,
      String issuedBy,
      CalibrationRequest request,
      ActorRef<ProbeCalibration.Reply> replyTo) {}

  private final ActorContext<?> context;
  private final String journalPluginId;
  private final String snapshotPluginId;
  private final Map<String, ActorRef<ProbeCalibration.Command>> probes = new HashMap<>();

  public ProbeCalibrations(
      ActorContext<?> context, String journalPluginId, String snapshotPluginId) {
    this.context = context;
    this.journalPluginId = journalPluginId;
    this.snapshotPluginId = snapshotPluginId;
  }

  /** A sensor started: its calibration starts too, the first time, if it is calibratable. */
  public void sensorStarted(SensorSpec spec, SensorDriverFactory factory) {
    Set<CalibrationPoint> points = factory.calibrationPoints(spec);
    if (!points.isEmpty() && !probes.containsKey(spec.id())) {
      probes.put(
          spec.id(),
          context.spawn(
              ProbeCalibration.create(spec, points, journalPluginId, snapshotPluginId),
              "calibration-" + spec.id()));
    }
  }

  /**
   * Passes the request to the sensor's calibration, with the sensor as it runs now; a sensor that
   * does not exist, is disabled or cannot be calibrated is rejected at once.
   */
  public void apply(
      Request r,
      Optional<SensorSpec> spec,
      ActorRef<Sensor.Command> running,
      SensorDriverFactory factory,
      Set<String> sensorIds) {
    String id = r.request().sensorId();
    Optional<String> problem =
        spec.isEmpty()
            ? Optional.of(
                "sensor "
                    + id
                    + " does not exist; sensors: "
                    + String.join(", ", new TreeSet<>(sensorIds)))
            : running == null
                ? Optional.of("sensor " + id + " is not sampling (disabled or restarting)")
                : Optional.empty();
    ActorRef<ProbeCalibration.Command> probe = probes.get(id);
    if (problem.isEmpty() && probe == null) {
      problem =
          Optional.of(
              "sensor " + id + " (driver " + spec.get().driver() + ") cannot be calibrated");
    }
    if (problem.isPresent()) {
      r.replyTo()
          .tell(new ProbeCalibration.Reply(new Outcome(r.key(), false, problem.get()), null));
      return;
    }
    probe.tell(
        new ProbeCalibration.Calibrate(
            r.key(),
            r.issuedBy(),
            r.request(),
            spec.get(),
            factory.calibrationPoints(spec.get()),
            running,
            r.replyTo()));
  }
}
