package io.forelight.frms.reactor.config;

import io.forelight.frms.link.CommandRules;

/** The shape of reactor, sensor and actuator ids: they name actors, files and rows. */
public final class Ids {

  private Ids() {}

  public static boolean valid(String id) {
    return CommandRules.validId(id);
  }

  public static void check(String key, String id) {
    if (!valid(id)) {
      throw new ConfigProblem(
          key,
          "'" + id + "'",
          "must be 1-63 letters, digits, '-' or '_', starting with a letter or digit");
    }
  }
}
