package io.forelight.frms.reactor.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How enum constants are spelled in config files and commands: {@code DOSING_PUMP} is
 * "dosing-pump".
 */
public final class ConfigNames {

  private ConfigNames() {}

  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The constant spelled {@code value}; a ConfigProblem naming {@code path} and the choices if
   * none.
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String path, String value) {
    E[] constants = type.getEnumConstants();
    for (E constant : constants) {
      if (of(constant).equals(value)) {
        return constant;
      }
    }
    throw new ConfigProblem(
        path,
        "'" + value + "'",
        "must be one of "
            + Arrays.stream(constants).map(ConfigNames::of).collect(Collectors.joining(", ")));
  }
}
