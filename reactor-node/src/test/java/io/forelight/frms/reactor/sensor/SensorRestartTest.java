package io.forelight.frms.reactor.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A failed write to the local log restarts the Sensor in place and stops its sampler; the sensor
 * must start a new sampler, or it would silently stop sampling.
 */
@ExtendWith(LogCapturingExtension.class)
class SensorRestartTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(TestConfigs.inMemory());

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  @Test
  void startsItsSamplerAgainAfterAFailedWrite() {
    SensorSpec spec =
        new SensorSpec(
            "temp",
            "temperature",
            "simulated",
            "°C",
            Duration.ofSeconds(1),
            true,
            Calibration.NONE,
            new SensorKinds.Range(-20, 150),
            Map.of());
    TestProbe<ActorRef<Sensor.Command>> samplers = testKit.createTestProbe();
    ActorRef<Sensor.Command> sensor =
        testKit.spawn(
            Sensor.create(
                spec,
                "",
                self -> {
                  samplers.getRef().tell(self);
                  return Behaviors.ignore();
                }));
    samplers.receiveMessage(Duration.ofSeconds(10));
    TestProbe<Sensor.Recorded> recorded = testKit.createTestProbe();

    PersistenceTestKit.create(testKit.system()).failNextPersisted();
    sensor.tell(new Sensor.Record(new Sample(1, 37.0, Quality.GOOD, ""), recorded.getRef()));
    samplers.receiveMessage(Duration.ofSeconds(10));

    sensor.tell(new Sensor.Record(new Sample(2, 37.1, Quality.GOOD, ""), recorded.getRef()));
    assertEquals(new Sensor.Recorded(1), recorded.receiveMessage(Duration.ofSeconds(10)));
  }
}
