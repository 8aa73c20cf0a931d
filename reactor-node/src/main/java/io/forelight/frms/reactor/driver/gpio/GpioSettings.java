package io.forelight.frms.reactor.driver.gpio;

import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.config.ConfigProblem;

/** Reads the integer settings of GPIO and PWM actuators, naming the key when one is wrong. */
final class GpioSettings {

  private GpioSettings() {}

  static int integer(String path, ActuatorSpec spec, String key, int min, int max) {
    String value =
        spec.setting(key).orElseThrow(() -> new ConfigProblem(path + "." + key + " is missing"));
    try {
      int number = Integer.parseInt(value.trim());
      if (number < min || number > max) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new ConfigProblem(
          path + "." + key, "'" + value + "'", "must be an integer " + min + ".." + max);
    }
  }

  static int integer(String path, ActuatorSpec spec, String key, int min, int max, int fallback) {
    return spec.setting(key).isPresent() ? integer(path, spec, key, min, max) : fallback;
  }
}
