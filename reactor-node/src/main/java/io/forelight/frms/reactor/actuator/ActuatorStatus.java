package io.forelight.frms.reactor.actuator;

import io.forelight.frms.reactor.config.ActuatorSpec;

/**
 * What one actuator is doing, written by its {@link Actuator} (one writer) and read by the link's
 * Describe, JMX and the loops' output readings (any thread).
 */
public final class ActuatorStatus {

  private final ActuatorSpec spec;
  private volatile double level;
  private volatile boolean safe = true;
  private volatile String safeBecause = "starting";
  private volatile String fault = "";
  private volatile double dosedLastHourMl;
  private volatile double dosedTotalMl;

  public ActuatorStatus(ActuatorSpec spec) {
    this.spec = spec;
  }

  public ActuatorSpec spec() {
    return spec;
  }

  /** The level asked for and allowed (after max-duty), 0..1; 0 while safe. */
  public double level() {
    return level;
  }

  public boolean safe() {
    return safe;
  }

  /** Why the output is in its safe state (empty when it is not). */
  public String safeBecause() {
    return safe ? safeBecause : "";
  }

  /** The latest driver fault or refused dose, empty when none since the last good drive. */
  public String fault() {
    return fault;
  }

  public double dosedLastHourMl() {
    return dosedLastHourMl;
  }

  public double dosedTotalMl() {
    return dosedTotalMl;
  }

  void driving(double newLevel) {
    level = newLevel;
    safe = false;
  }

  void madeSafe(String why) {
    level = 0;
    safe = true;
    safeBecause = why;
  }

  void fault(String why) {
    fault = why;
  }

  /** A good write clears a driver fault (not a refused dose: that stays until the next dose). */
  void clearFaultOfDriver() {
    if (fault.startsWith("driver") || fault.startsWith("cannot open")) {
      fault = "";
    }
  }

  void dosed(double lastHour, double total) {
    dosedLastHourMl = lastHour;
    dosedTotalMl = total;
  }
}
