package io.forelight.frms.reactor.actuator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.config.ActuatorKind;
import io.forelight.frms.reactor.config.ActuatorLimits;
import io.forelight.frms.reactor.config.ActuatorSpec;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** An actuator keeps its limits and goes to its safe state whatever it is asked. */
class ActuatorTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(3);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static ActuatorSpec spec(ActuatorKind kind, ActuatorLimits limits) {
    return new ActuatorSpec("a-" + System.nanoTime(), kind, "recording", limits, Map.of());
  }

  private static ActuatorLimits limits(double maxDuty, Duration minOff, Duration cycle) {
    return new ActuatorLimits(maxDuty, minOff, cycle, Duration.ofMillis(50), 0, 0, 0);
  }

  private static ActorRef<Actuator.Command> start(
      ActuatorSpec spec, RecordingDriver driver, ActuatorStatus status) {
    return testKit.spawn(Actuator.create(spec, driver, null, status));
  }

  @Test
  void startsOffAndCapsAPwmLevelAtMaxDuty() throws Exception {
    RecordingDriver driver = new RecordingDriver(false);
    ActuatorSpec spec =
        spec(ActuatorKind.STIRRER, limits(0.5, Duration.ZERO, Duration.ofSeconds(1)));
    ActuatorStatus status = new ActuatorStatus(spec);
    ActorRef<Actuator.Command> stirrer = start(spec, driver, status);
    assertEquals(0, driver.next(WAIT).level(), "opened off");
    stirrer.tell(new Actuator.Drive(0.8));
    assertEquals(0.5, driver.next(WAIT).level());
    assertEquals(0.5, status.level());
    stirrer.tell(new Actuator.Safe("input stale"));
    assertEquals(0, driver.next(WAIT).level());
    assertTrue(status.safe());
    assertEquals("input stale", status.safeBecause());
  }

  @Test
  void timeProportionsAnOnOffOutputOverItsCycle() throws Exception {
    RecordingDriver driver = new RecordingDriver(true);
    ActuatorSpec spec =
        spec(ActuatorKind.HEATER, limits(1, Duration.ZERO, Duration.ofMillis(1000)));
    ActorRef<Actuator.Command> heater = start(spec, driver, new ActuatorStatus(spec));
    driver.next(WAIT);
    heater.tell(new Actuator.Drive(0.3));
    RecordingDriver.Set on = driver.nextWith(1, WAIT);
    RecordingDriver.Set off = driver.nextWith(0, WAIT);
    long onMillis = (off.atNanos() - on.atNanos()) / 1_000_000;
    assertTrue(
        onMillis >= 250 && onMillis <= 450, "30 % of a 1 s cycle is on for ~300 ms: " + onMillis);
  }

  @Test
  void neverSwitchesOnSoonerThanMinOffTimeAfterItWentOff() throws Exception {
    RecordingDriver driver = new RecordingDriver(true);
    ActuatorSpec spec =
        spec(ActuatorKind.HEATER, limits(1, Duration.ofMillis(1500), Duration.ofMillis(400)));
    ActorRef<Actuator.Command> heater = start(spec, driver, new ActuatorStatus(spec));
    driver.next(WAIT);
    heater.tell(new Actuator.Drive(0.5));
    driver.nextWith(1, WAIT);
    RecordingDriver.Set off = driver.nextWith(0, WAIT);
    RecordingDriver.Set onAgain = driver.nextWith(1, Duration.ofSeconds(4));
    long offMillis = (onAgain.atNanos() - off.atNanos()) / 1_000_000;
    assertTrue(offMillis >= 1500, "stayed off for min-off-time: " + offMillis + " ms");
  }

  @Test
  void aDosingPumpPulsesDosesAndRefusesBeyondItsHourlyLimit() throws Exception {
    RecordingDriver driver = new RecordingDriver(true);
    ActuatorSpec spec =
        spec(
            ActuatorKind.DOSING_PUMP,
            new ActuatorLimits(
                1, Duration.ZERO, Duration.ofSeconds(10), Duration.ofMillis(50), 2.0, 1.5, 100));
    ActuatorStatus status = new ActuatorStatus(spec);
    ActorRef<Actuator.Command> pump = start(spec, driver, status);
    driver.next(WAIT);
    pump.tell(new Actuator.Dose(1.0));
    RecordingDriver.Set on = driver.nextWith(1, WAIT);
    RecordingDriver.Set off = driver.nextWith(0, WAIT);
    long pulseMillis = (off.atNanos() - on.atNanos()) / 1_000_000;
    assertTrue(
        pulseMillis >= 450 && pulseMillis <= 650, "1 mL at 2 mL/s is 500 ms: " + pulseMillis);
    assertEquals(1.0, status.dosedLastHourMl(), 1e-9);
    pump.tell(new Actuator.Dose(1.0));
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertTrue(status.fault().contains("refused"), status.fault());
              return null;
            });
    assertTrue(driver.sets.isEmpty(), "the refused dose did not pump: " + driver.sets);
    assertEquals(1.0, status.dosedTotalMl(), 1e-9);
  }

  @Test
  void aFailingDriverLeavesTheOutputSafeAndIsReopened() throws Exception {
    RecordingDriver driver = new RecordingDriver(false);
    ActuatorSpec spec = spec(ActuatorKind.STIRRER, limits(1, Duration.ZERO, Duration.ofSeconds(1)));
    ActuatorStatus status = new ActuatorStatus(spec);
    ActorRef<Actuator.Command> stirrer = start(spec, driver, status);
    driver.next(WAIT);
    driver.failNextOn = true;
    stirrer.tell(new Actuator.Drive(0.7));
    assertEquals(0, driver.next(WAIT).level(), "switched off on the way down");
    assertTrue(status.fault().contains("GPIO line busy"), status.fault());
    assertEquals(0, driver.next(WAIT).level(), "reopened, off");
    assertEquals(2, driver.opens.get());
    assertTrue(driver.closes.get() >= 1);
    stirrer.tell(new Actuator.Drive(0.7));
    assertEquals(0.7, driver.next(WAIT).level(), 1e-9);
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertEquals("", status.fault(), "a good write clears the driver fault");
              return null;
            });
  }

  @Test
  void stoppingSwitchesOffAndClosesTheDriver() throws Exception {
    RecordingDriver driver = new RecordingDriver(false);
    ActuatorSpec spec = spec(ActuatorKind.STIRRER, limits(1, Duration.ZERO, Duration.ofSeconds(1)));
    ActorRef<Actuator.Command> stirrer = start(spec, driver, new ActuatorStatus(spec));
    driver.next(WAIT);
    stirrer.tell(new Actuator.Drive(0.6));
    assertEquals(0.6, driver.next(WAIT).level(), 1e-9);
    testKit.stop(stirrer);
    assertEquals(0, driver.next(WAIT).level());
    assertEquals(1, driver.closes.get());
  }
}
