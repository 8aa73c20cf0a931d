package io.forelight.frms.reactor;

import io.forelight.frms.node.Logs;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An actor's line logged through {@link Logs#about} carries the sensor in its MDC, and the next
 * message's lines do not: Pekko clears the MDC after each message (what replaced {@code
 * Behaviors.withMdc} on the sampling path).
 */
@ExtendWith(LogCapturingExtension.class)
class LogsAboutTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(TestConfigs.inMemory());

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  private static Behavior<String> logger() {
    return Behaviors.receive(
        (context, line) -> {
          if (line.startsWith("about")) {
            Logs.about(context.getLog(), "sensor", "temp").info(line);
          } else {
            context.getLog().info(line);
          }
          return Behaviors.same();
        });
  }

  @Test
  void marksTheLinesOfOneMessageOnly() {
    ActorRef<String> actor = testKit.spawn(logger());
    LoggingTestKit.info("about the sensor")
        .withMdc(Map.of("sensor", "temp"))
        .expect(
            testKit.system(),
            () -> {
              actor.tell("about the sensor");
              return null;
            });
    LoggingTestKit.info("a line of the next message")
        .withCustom(event -> !event.getMdc().containsKey("sensor"))
        .expect(
            testKit.system(),
            () -> {
              actor.tell("a line of the next message");
              return null;
            });
  }
}
