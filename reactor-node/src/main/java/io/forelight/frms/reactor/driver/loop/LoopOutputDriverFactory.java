package io.forelight.frms.reactor.driver.loop;

import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.control.ControlBoard;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.DriverException;
import io.forelight.frms.reactor.driver.SensorDriver;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import java.util.Set;

/**
 * {@code driver = loop}: reads what a control loop computed in its latest step (setting {@code
 * loop}): its output, setpoint, deviation, or P, I or D term (setting {@code term}), so that loop
 * outputs are logged, streamed and stored like any reading. The node makes these sensors itself for
 * every loop ({@code <loop>-output}, {@code <loop>-setpoint}, {@code <loop>-deviation}, ...);
 * before the loop's first step they read BAD, and so does the deviation while the loop does not
 * control.
 */
public final class LoopOutputDriverFactory implements SensorDriverFactory {

  private static final Set<String> TERMS = Set.of("output", "setpoint", "deviation", "p", "i", "d");

  @Override
  public String name() {
    return "loop";
  }

  /** Reads what the loop published in memory: no thread of its own needed. */
  @Override
  public boolean blocking() {
    return false;
  }

  @Override
  public Set<String> settings() {
    return Set.of("loop", "term");
  }

  @Override
  public void validate(String configPath, SensorSpec spec) {
    if (spec.setting("loop").isEmpty()) {
      throw new ConfigProblem(configPath + ".loop is missing");
    }
    String term = spec.setting("term").orElse("output");
    if (!TERMS.contains(term)) {
      throw new ConfigProblem(
          configPath + ".term", "'" + term + "'", "must be output, setpoint, deviation, p, i or d");
    }
  }

  @Override
  public SensorDriver open(SensorSpec spec, DriverContext context) {
    String loopId = spec.setting("loop").orElseThrow();
    String term = spec.setting("term").orElse("output");
    ControlBoard board = context.control();
    return () -> {
      double value =
          board
              .loop(loopId)
              .map(view -> view.term(term))
              .orElseThrow(() -> new DriverException("loop " + loopId + " has not run yet"));
      if (Double.isNaN(value)) {
        throw new DriverException(
            "loop " + loopId + " does not control now (not auto, or a fault)");
      }
      return value;
    };
  }
}
