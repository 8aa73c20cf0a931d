package io.forelight.frms.node;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Names the node in its logs: sets the logback context property {@code node} (for example {@code
 * reactor-7}), which the console pattern prints and the JSON log file carries on every line.
 */
public final class Logs {

  private Logs() {}

  public static void nameNode(String name) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.putProperty("node", name);
    }
  }
}
