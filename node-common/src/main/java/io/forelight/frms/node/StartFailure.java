package io.forelight.frms.node;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Ends a node that cannot start: logging is stopped first (so shutdown chatter does not bury the
 * reason), then one line naming the problem goes to stderr, then the JVM exits with the code.
 */
public final class StartFailure {

  private StartFailure() {}

  public static void exit(String node, int code, String message) {
    ILoggerFactory loggers = LoggerFactory.getILoggerFactory();
    if (loggers instanceof LoggerContext context) {
      context.stop();
    }
    System.err.println(node + ": " + message);
    System.exit(code);
  }
}
