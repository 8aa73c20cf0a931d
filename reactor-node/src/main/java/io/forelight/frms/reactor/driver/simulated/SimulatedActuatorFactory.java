package io.forelight.frms.reactor.driver.simulated;

import io.forelight.frms.reactor.actuator.ActuatorDriver;
import io.forelight.frms.reactor.actuator.ActuatorDriverFactory;
import io.forelight.frms.reactor.config.ActuatorKind;
import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Input;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code driver = simulated} for actuators: drives an input of the node's {@link
 * SimulatedBioreactor}. Settings: {@code input} (heater, stirrer, air, acid, base; default from the
 * kind, required for dosing pumps) and {@code output} ({@code on-off} like a relay on a GPIO, or
 * {@code pwm}; default on-off for heaters, gas valves and pumps, pwm for stirrers and air pumps). A
 * dosing pump pumps its {@code ml-per-second} while on.
 */
public final class SimulatedActuatorFactory implements ActuatorDriverFactory {

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public Set<String> settings() {
    return Set.of("input", "output");
  }

  @Override
  public void validate(String configPath, ActuatorSpec spec) {
    input(configPath, spec);
    onOff(configPath, spec);
  }

  @Override
  public ActuatorDriver open(ActuatorSpec spec, DriverContext context) {
    String path = "actuator " + spec.id();
    Input input = input(path, spec);
    boolean onOff = onOff(path, spec);
    double fullScale = spec.kind() == ActuatorKind.DOSING_PUMP ? spec.limits().mlPerSecond() : 1.0;
    SimulatedBioreactor vessel = context.bioreactor();
    vessel.drive(input, 0);
    return new ActuatorDriver() {
      @Override
      public boolean onOff() {
        return onOff;
      }

      @Override
      public void set(double level) {
        vessel.drive(input, level * fullScale);
      }
    };
  }

  private static Input input(String path, ActuatorSpec spec) {
    Optional<String> named = spec.setting("input");
    if (named.isEmpty()) {
      return switch (spec.kind()) {
        case HEATER -> Input.HEATER;
        case STIRRER -> Input.STIRRER;
        case GAS_VALVE, AIR_PUMP -> Input.AIR;
        case DOSING_PUMP ->
            throw new ConfigProblem(
                path + ".input is missing: a simulated dosing pump pumps acid or base");
      };
    }
    try {
      return Input.valueOf(named.get().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem(
          path + ".input",
          "'" + named.get() + "'",
          "must be one of heater, stirrer, air, acid, base");
    }
  }

  private static boolean onOff(String path, ActuatorSpec spec) {
    String output =
        spec.setting("output")
            .orElse(
                spec.kind() == ActuatorKind.STIRRER || spec.kind() == ActuatorKind.AIR_PUMP
                    ? "pwm"
                    : "on-off");
    return switch (output) {
      case "on-off" -> true;
      case "pwm" -> false;
      default ->
          throw new ConfigProblem(path + ".output", "'" + output + "'", "must be on-off or pwm");
    };
  }
}
