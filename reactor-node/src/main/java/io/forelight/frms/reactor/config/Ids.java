package io.forelight.frms.reactor.config;

import java.util.regex.Pattern;

/** The shape of reactor, sensor and actuator ids: they name actors, files and rows. */
public final class Ids {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

  private Ids() {}

  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
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
