package io.forelight.frms.reactor.control;

import java.util.Locale;
import java.util.Optional;

/** Off (outputs safe), manual (an operator sets the output) or auto (the loop holds a setpoint). */
public enum LoopMode {
  OFF,
  MANUAL,
  AUTO;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<LoopMode> parse(String value) {
    for (LoopMode mode : values()) {
      if (mode.configName().equals(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
