package io.forelight.frms.reactor;

import io.forelight.frms.reactor.actuator.Actuator;
import io.forelight.frms.reactor.actuator.ActuatorDriverFactory;
import io.forelight.frms.reactor.actuator.ActuatorDrivers;
import io.forelight.frms.reactor.actuator.ActuatorStatus;
import io.forelight.frms.reactor.calibration.ProbeCalibrations;
import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.config.ReactorSettings;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.control.ControlBoard;
import io.forelight.frms.reactor.control.Controller;
import io.forelight.frms.reactor.control.LoopSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.Drivers;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.layout.Layout;
import io.forelight.frms.reactor.layout.SensorLayout;
import io.forelight.frms.reactor.ops.ReactorOps;
import io.forelight.frms.reactor.sensor.Clock;
import io.forelight.frms.reactor.sensor.Compensation;
import io.forelight.frms.reactor.sensor.Sampler;
import io.forelight.frms.reactor.sensor.Sensor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import java.util.function.ToLongFunction;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Guardian of a reactor node. Owns the {@link SensorLayout} and runs one {@link Sensor} (with its
 * sampler and driver) per enabled sensor of the layout: when the layout changes it stops sensors
 * that went away or changed, and starts the new ones once the old incarnation has stopped. Runs one
 * {@link Actuator} per configured output and one {@link Controller} per configured loop.
 */
public final class ReactorNode extends AbstractBehavior<ReactorNode.Command> {

  public sealed interface Command
      permits Settled,
          Calibrate,
          SensorStopped,
          ApplyChange,
          ApplyLoopChange,
          GetLayout,
          StopControl,
          ActuatorStopped {}

  private record Settled(Layout layout) implements Command {}

  private record SensorStopped(String sensorId) implements Command {}

  /** Forwarded to the sensor layout. */
  public record ApplyChange(SensorLayout.Apply apply) implements Command {}

  /** Forwarded to the probe's calibration; a sensor that cannot be calibrated rejects it. */
  public record Calibrate(ProbeCalibrations.Request request) implements Command {}

  /** Forwarded to the loop it names; a loop this node does not have rejects it. */
  public record ApplyLoopChange(Controller.Apply apply) implements Command {}

  public record GetLayout(ActorRef<Layout> replyTo) implements Command {}

  /**
   * Stops every loop, then every actuator (each switches its output off as it stops); answers once
   * all actuators have stopped. The node's shutdown asks it first, so outputs are off before the
   * rest of the node goes.
   */
  public record StopControl(ActorRef<Done> replyTo) implements Command {}

  private record ActuatorStopped(String actuatorId) implements Command {}

  /**
   * What the node runs with; tests pass other drivers or journals, and a process hosting several
   * reactors gives each its own journals and snapshot store ("" is the default store).
   */
  public record Dependencies(
      Drivers drivers,
      ActuatorDrivers actuatorDrivers,
      DriverContext driverContext,
      ToLongFunction<String> unacknowledgedReadings,
      String readingsJournalPluginId,
      String stateJournalPluginId,
      String snapshotPluginId) {

    /** Dependencies of a node whose unacknowledged readings are counted in {@code readings}. */
    public static Dependencies of(
        Drivers drivers,
        DriverContext driverContext,
        FlashLog readings,
        String readingsJournalPluginId,
        String stateJournalPluginId,
        String snapshotPluginId) {
      return new Dependencies(
          drivers,
          ActuatorDrivers.load(),
          driverContext,
          sensorId ->
              readings.highestSeq(SensorSpec.persistenceId(sensorId))
                  - readings.acknowledgedSeq(SensorSpec.persistenceId(sensorId)),
          readingsJournalPluginId,
          stateJournalPluginId,
          snapshotPluginId);
    }
  }

  private final ReactorSettings settings;
  private final Dependencies deps;
  private final ActorRef<SensorLayout.Command> layoutEntity;
  private final Map<String, ActorRef<Sensor.Command>> running = new HashMap<>();
  private final Map<String, SensorSpec> runningSpecs = new HashMap<>();
  private final Set<String> stopping = new HashSet<>();
  private final Map<String, ActorRef<Controller.Command>> loops = new HashMap<>();
  private final Map<String, ActorRef<Actuator.Command>> actuators = new HashMap<>();
  private final java.util.List<ActorRef<Done>> awaitingStop = new java.util.ArrayList<>();
  private final ProbeCalibrations calibrations;
  private Layout layout;

  private ReactorNode(ActorContext<Command> context, ReactorSettings settings, Dependencies deps) {
    super(context);
    this.settings = settings;
    this.deps = deps;
    this.calibrations =
        new ProbeCalibrations(context, deps.stateJournalPluginId(), deps.snapshotPluginId());
    ActorRef<SensorLayout.LayoutSettled> listener =
        context.messageAdapter(SensorLayout.LayoutSettled.class, s -> new Settled(s.layout()));
    this.layoutEntity =
        context.spawn(
            SensorLayout.create(
                settings.id(),
                Layout.of(settings.sensors()),
                deps.drivers(),
                settings.sampling().timerResolution(),
                deps.unacknowledgedReadings(),
                listener,
                deps.stateJournalPluginId()),
            "layout");
    startControl();
  }

  /**
   * Starts every actuator (off, on a thread of its own) and then the loops that drive them. Their
   * status is on the node's control board, and loop faults count as problems of the node.
   */
  private void startControl() {
    ControlBoard board = deps.driverContext().control();
    ReactorOps ops = ReactorOps.get(getContext().getSystem());
    for (ActuatorSpec spec : settings.actuators()) {
      ActuatorStatus status = new ActuatorStatus(spec);
      board.register(status);
      ActuatorDriverFactory factory =
          deps.actuatorDrivers().validated(ReactorSettings.ROOT + ".actuators." + spec.id(), spec);
      actuators.put(
          spec.id(),
          getContext()
              .spawn(
                  Actuator.create(spec, factory, deps.driverContext(), status),
                  "actuator-" + spec.id(),
                  DispatcherSelector.fromConfig("frms.reactor.driver-dispatcher")));
    }
    for (LoopSpec loop : settings.loops()) {
      Map<String, ActorRef<Actuator.Command>> byRole = new HashMap<>();
      loop.actuators().forEach((role, id) -> byRole.put(role, actuators.get(id)));
      loops.put(
          loop.id(),
          getContext()
              .spawn(
                  Controller.create(
                      loop,
                      byRole,
                      ops::latest,
                      board,
                      Clock::nowMicros,
                      deps.stateJournalPluginId(),
                      deps.snapshotPluginId()),
                  "loop-" + loop.id()));
    }
    ops.attachControl(board, loops.keySet());
  }

  public static Behavior<Command> create(ReactorSettings settings, Dependencies deps) {
    return Behaviors.setup(context -> new ReactorNode(context, settings, deps));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Settled.class, this::onSettled)
        .onMessage(SensorStopped.class, this::onSensorStopped)
        .onMessage(ApplyChange.class, this::onApplyChange)
        .onMessage(ApplyLoopChange.class, this::onApplyLoopChange)
        .onMessage(Calibrate.class, this::onCalibrate)
        .onMessage(GetLayout.class, this::onGetLayout)
        .onMessage(StopControl.class, this::onStopControl)
        .onMessage(ActuatorStopped.class, this::onActuatorStopped)
        .build();
  }

  private Behavior<Command> onSettled(Settled settled) {
    layout = settled.layout();
    reconcile();
    return this;
  }

  private Behavior<Command> onSensorStopped(SensorStopped stopped) {
    running.remove(stopped.sensorId());
    runningSpecs.remove(stopped.sensorId());
    stopping.remove(stopped.sensorId());
    reconcile();
    return this;
  }

  private Behavior<Command> onApplyChange(ApplyChange change) {
    layoutEntity.tell(change.apply());
    return this;
  }

  private Behavior<Command> onApplyLoopChange(ApplyLoopChange change) {
    Controller.Apply apply = change.apply();
    ActorRef<Controller.Command> loop = loops.get(apply.change().loopId());
    if (loop == null) {
      apply
          .replyTo()
          .tell(
              new SensorLayout.Outcome(
                  apply.key(),
                  false,
                  "loop "
                      + apply.change().loopId()
                      + " does not exist; loops: "
                      + (loops.isEmpty()
                          ? "none"
                          : String.join(", ", new TreeSet<>(loops.keySet())))));
    } else {
      loop.tell(apply);
    }
    return this;
  }

  private Behavior<Command> onCalibrate(Calibrate calibrate) {
    ProbeCalibrations.Request request = calibrate.request();
    String id = request.request().sensorId();
    var spec = layout == null ? Optional.<SensorSpec>empty() : layout.sensor(id);
    calibrations.apply(
        request,
        spec,
        running.get(id),
        spec.map(s -> deps.drivers().get(s.driver())).orElse(null),
        layout == null ? Set.of() : layout.sensors().keySet());
    return this;
  }

  private Behavior<Command> onStopControl(StopControl stop) {
    getContext()
        .getLog()
        .info("stopping {} loops and {} actuators", loops.size(), actuators.size());
    loops.values().forEach(getContext()::stop);
    loops.clear();
    actuators.forEach(
        (id, actuator) -> {
          getContext().watchWith(actuator, new ActuatorStopped(id));
          getContext().stop(actuator);
        });
    awaitingStop.add(stop.replyTo());
    return onActuatorStopped(null);
  }

  private Behavior<Command> onActuatorStopped(ActuatorStopped stopped) {
    if (stopped != null) {
      actuators.remove(stopped.actuatorId());
    }
    if (actuators.isEmpty()) {
      awaitingStop.forEach(replyTo -> replyTo.tell(Done.getInstance()));
      awaitingStop.clear();
    }
    return this;
  }

  private Behavior<Command> onGetLayout(GetLayout get) {
    layoutEntity.tell(new SensorLayout.GetLayout(get.replyTo()));
    return this;
  }

  private void reconcile() {
    for (Map.Entry<String, SensorSpec> entry : Map.copyOf(runningSpecs).entrySet()) {
      String id = entry.getKey();
      boolean wanted =
          layout
              .sensor(id)
              .filter(SensorSpec::enabled)
              .filter(entry.getValue()::equals)
              .isPresent();
      if (!wanted && stopping.add(id)) {
        getContext().getLog().info("stopping sensor {} (layout changed)", id);
        getContext().stop(running.get(id));
      }
    }
    for (SensorSpec spec : layout.sensors().values()) {
      if (spec.enabled() && !running.containsKey(spec.id())) {
        start(spec);
      }
    }
  }

  private void start(SensorSpec spec) {
    SensorDriverFactory factory = deps.drivers().get(spec.driver());
    Optional<String> compensation = Compensation.source(spec, factory, layout);
    DoubleSupplier celsius =
        Compensation.celsius(compensation, ReactorOps.get(getContext().getSystem()));
    ActorRef<Sensor.Command> sensor =
        getContext()
            .spawn(
                Sensor.create(
                    spec,
                    deps.readingsJournalPluginId(),
                    self ->
                        Sampler.create(
                            spec,
                            settings.sampling(),
                            self,
                            factory,
                            deps.driverContext(),
                            celsius)),
                "sensor-" + spec.id());
    getContext().watchWith(sensor, new SensorStopped(spec.id()));
    running.put(spec.id(), sensor);
    runningSpecs.put(spec.id(), spec);
    calibrations.sensorStarted(spec, factory);
    compensation.ifPresent(
        source -> getContext().getLog().info("sensor {} compensated with {}", spec.id(), source));
    getContext()
        .getLog()
        .info(
            "sensor {} sampling {} every {} via {}",
            spec.id(),
            spec.kind(),
            spec.interval(),
            spec.driver());
  }
}
