package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.actuator.ActuatorStatus;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the loops and actuators of a node show what they do, for the readings that record it, the
 * link's Describe and JMX: each loop replaces its {@link LoopView} after every step, each actuator
 * updates its {@link ActuatorStatus}. One per node, read from any thread.
 */
public final class ControlBoard {

  private final Map<String, LoopView> loops = new ConcurrentHashMap<>();
  private final Map<String, ActuatorStatus> actuators = new ConcurrentHashMap<>();

  public void publish(LoopView view) {
    loops.put(view.spec().id(), view);
  }

  public Optional<LoopView> loop(String loopId) {
    return Optional.ofNullable(loops.get(loopId));
  }

  public Map<String, LoopView> loops() {
    return Map.copyOf(loops);
  }

  public void register(ActuatorStatus status) {
    actuators.put(status.spec().id(), status);
  }

  public Map<String, ActuatorStatus> actuators() {
    return Map.copyOf(actuators);
  }
}
