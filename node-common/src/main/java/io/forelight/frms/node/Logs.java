package io.forelight.frms.node;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Names the node in its logs: sets the logback context property {@code node} (for example {@code
 * reactor-7}), which the console pattern prints and the JSON log file carries on every line; and
 * says which reactor, sensor or loop an actor's line is about ({@link #about}).
 */
public final class Logs {

  private Logs() {}

  public static void nameNode(String name) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.putProperty("node", name);
    }
  }

  /**
   * An actor's logger, with {@code key} (the console pattern's {@code reactor}, {@code sensor} or
   * {@code loop}) set to {@code value} in the MDC for the lines it logs now. For the logger of an
   * actor's context only ({@code context.getLog()}, called in the actor's message): Pekko clears
   * the MDC after each message in which that logger was asked for. Costs the actor nothing between
   * lines, where {@code Behaviors.withMdc} keeps an interceptor, a map and its functions per actor
   * and sets and clears the MDC around every message.
   */
  public static Logger about(Logger actorLog, String key, String value) {
    MDC.put(key, value);
    return actorLog;
  }
}
