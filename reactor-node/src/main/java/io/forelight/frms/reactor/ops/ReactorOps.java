package io.forelight.frms.reactor.ops;

import io.forelight.frms.node.Jmx;
import io.forelight.frms.reactor.calibration.CalibrationView;
import io.forelight.frms.reactor.config.ReactorSettings.HealthSettings;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.control.ControlBoard;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.ObjectName;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * What operators see of a reactor node, one per actor system: the status of each running sensor and
 * the readings log, published as MBeans and judged by {@link ReactorReadiness}. Sensors register
 * themselves when they start and leave when they stop; the node's guardian attaches the log once it
 * is open.
 */
public final class ReactorOps implements Extension {

  public static final ExtensionId<ReactorOps> ID =
      new ExtensionId<>() {
        @Override
        public ReactorOps createExtension(ActorSystem<?> system) {
          return new ReactorOps();
        }
      };

  private final Map<String, SensorStatus> sensors = new ConcurrentHashMap<>();
  private final Map<String, CalibrationView> calibrations = new ConcurrentHashMap<>();
  private volatile String reactorId = "";
  private volatile HealthSettings health = HealthSettings.DEFAULT;
  private volatile FlashLog readings;
  private volatile ControlBoard control;

  public static ReactorOps get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** Called once the readings log is open: names the beans and publishes the log's. */
  public void attach(String reactorId, HealthSettings health, FlashLog readings) {
    this.reactorId = reactorId;
    this.health = health;
    this.readings = readings;
    Jmx.register(journalName(), JournalMBean.class, new JournalView(readings));
  }

  /** A sensor (re)started with this latest reading (null if none): its status, now published. */
  public SensorStatus sensorStarted(SensorSpec spec, ReadingTaken latest) {
    SensorStatus status =
        new SensorStatus(spec, staleAfter(spec), latest, () -> highestLogged(spec));
    sensors.put(spec.id(), status);
    Jmx.register(sensorName(spec.id()), SensorMBean.class, status);
    return status;
  }

  /** The sensor's highest sequence number in the readings log (0 before it is open). */
  private long highestLogged(SensorSpec spec) {
    FlashLog log = readings;
    return log == null ? 0 : log.highestSeq(SensorSpec.persistenceId(spec.id()));
  }

  /**
   * Why the readings log takes no readings now ("disk full", "quota of N bytes reached"), if it
   * does not; empty too before the log is open (or when readings go to another journal).
   */
  public Optional<String> readingsLogFull() {
    FlashLog log = readings;
    return log == null ? Optional.empty() : log.fullReason();
  }

  /** The latest reading logged by a running sensor, if it runs and logged one. */
  public Optional<ReadingTaken> latest(String sensorId) {
    SensorStatus status = sensors.get(sensorId);
    return status == null ? Optional.empty() : Optional.ofNullable(status.latest());
  }

  /** A calibratable probe's calibration as it stands now (replaced on every change). */
  public void publishCalibration(CalibrationView view) {
    if (calibrations.put(view.sensorId(), view) == null) {
      Jmx.register(
          Jmx.name("Probe", "reactor", reactorId, "sensor", view.sensorId()),
          ControlMBean.ProbeMBean.class,
          ControlBeans.probe(view.sensorId(), this::calibration));
    }
  }

  public Optional<CalibrationView> calibration(String sensorId) {
    return Optional.ofNullable(calibrations.get(sensorId));
  }

  /**
   * The calibration version a probe's readings are taken under; empty until its calibration has
   * recovered (or if it cannot be calibrated).
   */
  public Optional<Integer> calibrationVersion(String sensorId) {
    return calibration(sensorId).map(CalibrationView::version);
  }

  /**
   * Attaches the node's loops (whose faults count as problems of the node) and actuators, and shows
   * them on JMX.
   */
  public void attachControl(ControlBoard board, Collection<String> loopIds) {
    this.control = board;
    for (String loopId : loopIds) {
      Jmx.register(
          Jmx.name("Loop", "reactor", reactorId, "loop", loopId),
          ControlMBean.LoopMBean.class,
          ControlBeans.loop(board, loopId));
    }
    board
        .actuators()
        .forEach(
            (id, status) ->
                Jmx.register(
                    Jmx.name("Actuator", "reactor", reactorId, "actuator", id),
                    ControlMBean.ActuatorMBean.class,
                    ControlBeans.actuator(status)));
  }

  public void sensorStopped(String sensorId, SensorStatus status) {
    sensors.remove(sensorId, status);
    Jmx.unregister(sensorName(sensorId), status);
  }

  /** Everything that keeps this node from doing its job now; empty when it is ready. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    FlashLog log = readings;
    if (log == null) {
      problems.add("the readings log is not open yet");
    } else {
      log.problem().ifPresent(problem -> problems.add("readings log: " + problem));
    }
    sensors.values().stream()
        .filter(SensorStatus::isStale)
        .map(SensorStatus::staleness)
        .sorted()
        .forEach(problems::add);
    ControlBoard board = control;
    if (board != null) {
      board.loops().values().stream()
          .filter(view -> !view.fault().isEmpty())
          .map(view -> "loop " + view.spec().id() + ": " + view.fault())
          .sorted()
          .forEach(problems::add);
    }
    return problems;
  }

  private Duration staleAfter(SensorSpec spec) {
    HealthSettings settings = health;
    return spec.interval().multipliedBy(settings.staleIntervals()).plus(settings.staleGrace());
  }

  private ObjectName sensorName(String sensorId) {
    return Jmx.name("Sensor", "reactor", reactorId, "sensor", sensorId);
  }

  private ObjectName journalName() {
    return Jmx.name("Journal", "reactor", reactorId);
  }
}
