package io.forelight.frms.reactor.config;

/** A configuration value that cannot work; the message names the key, the value and the rule. */
public final class ConfigProblem extends RuntimeException {

  public ConfigProblem(String key, Object value, String rule) {
    super(key + ": " + rule + (value == null ? "" : ", got " + value));
  }

  public ConfigProblem(String message) {
    super(message);
  }
}
