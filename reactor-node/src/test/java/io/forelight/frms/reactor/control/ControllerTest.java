package io.forelight.frms.reactor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.actuator.Actuator;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.layout.SensorLayout.Outcome;
import io.forelight.frms.reactor.sensor.Clock;
import io.forelight.frms.reactor.sensor.Quality;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A loop drives its actuator from its input, goes safe on a stale or BAD input, applies operator
 * changes once per key within its configured ranges, and keeps them across a restart.
 */
class ControllerTest {

  private static final ActorTestKit testKit = ActorTestKit.create(TestConfigs.inMemory());

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private final AtomicReference<ReadingTaken> latest = new AtomicReference<>();

  /** While live, the sensor keeps logging the same value: the latest reading is always new. */
  private volatile boolean live = true;

  /** The loops' clock: the node's, moved forward by a test to run hours of a profile at once. */
  private final AtomicLong shiftMicros = new AtomicLong();

  private long nowMicros() {
    return Clock.nowMicros() + shiftMicros.get();
  }

  private ReadingTaken freshIfLive(ReadingTaken r) {
    return live
        ? new ReadingTaken(r.seq(), nowMicros(), r.value(), r.unit(), r.quality(), r.detail())
        : r;
  }

  private final ControlBoard board = new ControlBoard();
  private final TestProbe<Actuator.Command> heater = testKit.createTestProbe();
  private final TestProbe<Outcome> answers = testKit.createTestProbe();

  private static LoopSpec spec(String id) {
    return new LoopSpec(
        id,
        LoopKind.PID,
        "temperature",
        Map.of("output", "heater"),
        Duration.ofMillis(100),
        Duration.ofMillis(800),
        new LoopSettings(LoopMode.AUTO, 37, 0, 0, new Gains(0.5, 0.01, 0, 0), 0, 1),
        0.5,
        LoopDefaults.PH,
        LoopDefaults.DO_SPLIT,
        new SensorKinds.Range(4, 60),
        new SensorKinds.Range(0, 1),
        true);
  }

  private ActorRef<Controller.Command> start(LoopSpec spec) {
    return testKit.spawn(
        Controller.create(
            spec,
            Map.of("output", heater.getRef()),
            sensorId -> Optional.ofNullable(latest.get()).map(this::freshIfLive),
            board,
            this::nowMicros,
            "",
            ""));
  }

  private void measure(double celsius, Quality quality) {
    latest.set(
        new ReadingTaken(
            1, nowMicros(), celsius, "°C", quality, quality == Quality.BAD ? "no answer" : ""));
  }

  private Actuator.Drive nextDrive() {
    return heater.expectMessageClass(Actuator.Drive.class, Duration.ofSeconds(3));
  }

  @Test
  void drivesTheHeaterTowardsTheSetpointAndGoesSafeOnAStaleOrBadInput() {
    measure(30, Quality.GOOD);
    start(spec("heat-" + System.nanoTime()));
    assertTrue(nextDrive().level() == 1.0, "7 °C below with kp 0.5: full power");
    measure(36.9, Quality.GOOD);
    fish(m -> m instanceof Actuator.Drive d && d.level() < 1);
    live = false;
    // no new reading: after stale-after (800 ms) the heater goes safe and the loop shows why
    Actuator.Safe safe = (Actuator.Safe) fish(m -> m instanceof Actuator.Safe);
    assertTrue(safe.why().contains("stale"), safe.why());
    heater.awaitAssert(
        Duration.ofSeconds(3),
        () -> {
          String fault = board.loops().values().iterator().next().fault();
          assertTrue(fault.contains("stale"), fault);
          return null;
        });
    live = true;
    measure(37.2, Quality.BAD);
    Actuator.Safe bad =
        (Actuator.Safe) fish(m -> m instanceof Actuator.Safe s && s.why().contains("BAD"));
    assertTrue(bad.why().contains("no answer"), bad.why());
    measure(36.0, Quality.GOOD);
    fish(m -> m instanceof Actuator.Drive);
  }

  @Test
  void appliesChangesOncePerKeyWithinItsRangesAndKeepsThemAcrossARestart() {
    measure(37, Quality.GOOD);
    LoopSpec spec = spec("keep-" + System.nanoTime());
    ActorRef<Controller.Command> loop = start(spec);
    loop.tell(apply("k1", new LoopChange.SetSetpoint(spec.id(), 30, 0)));
    assertEquals(new Outcome("k1", true, ""), answers.receiveMessage());
    loop.tell(apply("k2", new LoopChange.SetSetpoint(spec.id(), 90, 0)));
    Outcome rejected = answers.receiveMessage();
    assertFalse(rejected.applied());
    assertTrue(
        rejected.reason().contains("outside loop " + spec.id() + "'s range 4.0..60.0"),
        rejected.reason());
    loop.tell(apply("k1", new LoopChange.SetSetpoint(spec.id(), 45, 0)));
    assertEquals(
        new Outcome("k1", true, ""),
        answers.receiveMessage(),
        "a repeated key gets its first answer");
    loop.tell(apply("k3", new LoopChange.SetGains(spec.id(), 0.2, 0, 0)));
    assertTrue(answers.receiveMessage().applied());

    testKit.stop(loop);
    start(spec);
    heater.awaitAssert(
        Duration.ofSeconds(3),
        () -> {
          LoopView view = board.loop(spec.id()).orElseThrow();
          assertEquals(30, view.settings().setpoint(), "the setpoint survived the restart");
          assertEquals(0.2, view.settings().gains().kp());
          return null;
        });
  }

  @Test
  void switchingToManualHoldsTheOutputItWasGiving() {
    measure(36, Quality.GOOD);
    LoopSpec spec = spec("manual-" + System.nanoTime());
    ActorRef<Controller.Command> loop = start(spec);
    double auto = nextDrive().level();
    loop.tell(apply("m1", new LoopChange.SetMode(spec.id(), LoopMode.MANUAL, null)));
    assertTrue(answers.receiveMessage().applied());
    heater.awaitAssert(
        Duration.ofSeconds(3),
        () -> {
          LoopView view = board.loop(spec.id()).orElseThrow();
          assertEquals(LoopMode.MANUAL, view.settings().mode());
          assertEquals(
              auto, view.settings().manualOutput(), 0.05, "bumpless: holds about the auto output");
          return null;
        });
    loop.tell(apply("m2", new LoopChange.SetOutput(spec.id(), 0.25)));
    assertTrue(answers.receiveMessage().applied());
    fish(m -> m instanceof Actuator.Drive d && d.level() == 0.25);
    loop.tell(apply("m3", new LoopChange.SetOutput(spec.id(), 1.5)));
    assertTrue(answers.receiveMessage().reason().contains("outside"));
  }

  @Test
  void followsAProfileOnItsClockResumesItWhereTheScheduleStandsAfterARestartAndHoldsItsEnd() {
    measure(37, Quality.GOOD);
    LoopSpec spec = spec("profile-" + System.nanoTime());
    ActorRef<Controller.Command> loop = start(spec);
    List<SetpointProfile.Segment> warmUp =
        List.of(
            new SetpointProfile.Segment(30, Duration.ofHours(1).toMillis(), false),
            new SetpointProfile.Segment(40, Duration.ofHours(1).toMillis(), true));
    loop.tell(apply("p1", new LoopChange.RunProfile(spec.id(), "warm-up", warmUp, null, null)));
    assertTrue(answers.receiveMessage().applied());
    awaitSetpoint(spec, 30, "the first segment holds 30");
    assertEquals(40, board.loop(spec.id()).orElseThrow().settings().setpoint(), "where it ends");

    shiftMicros.addAndGet(Duration.ofMinutes(90).toNanos() / 1000);
    awaitSetpoint(spec, 35, "half way up the ramp from 30 to 40");
    testKit.stop(loop);
    shiftMicros.addAndGet(Duration.ofMinutes(15).toNanos() / 1000);
    loop = start(spec);
    awaitSetpoint(spec, 37.5, "restarted 105 min in: where the schedule stands, not its start");

    shiftMicros.addAndGet(Duration.ofHours(1).toNanos() / 1000);
    awaitSetpoint(spec, 40, "after the end it holds the last setpoint");
    loop.tell(apply("p2", new LoopChange.StopProfile(spec.id(), null, null)));
    assertEquals("loop " + spec.id() + " runs no profile", answers.receiveMessage().reason());

    loop.tell(apply("p3", new LoopChange.RunProfile(spec.id(), "down", downTo(20), null, null)));
    assertTrue(answers.receiveMessage().applied());
    shiftMicros.addAndGet(Duration.ofMinutes(30).toNanos() / 1000);
    awaitSetpoint(spec, 30, "from the 40 in force half way to 20");
    loop.tell(apply("p4", new LoopChange.StopProfile(spec.id(), null, null)));
    assertTrue(answers.receiveMessage().applied());
    shiftMicros.addAndGet(Duration.ofMinutes(30).toNanos() / 1000);
    awaitSetpoint(spec, 30, "stopped: it holds what the profile had reached");

    loop.tell(apply("p5", new LoopChange.RunProfile(spec.id(), "hot", downTo(90), null, null)));
    assertEquals(
        "segment 1's setpoint 90.0 is outside loop " + spec.id() + "'s range 4.0..60.0",
        answers.receiveMessage().reason());
  }

  private static List<SetpointProfile.Segment> downTo(double setpoint) {
    return List.of(new SetpointProfile.Segment(setpoint, Duration.ofHours(1).toMillis(), true));
  }

  private void awaitSetpoint(LoopSpec spec, double expected, String why) {
    heater.awaitAssert(
        Duration.ofSeconds(3),
        () -> {
          assertEquals(expected, board.loop(spec.id()).orElseThrow().setpointNow(), 0.01, why);
          return null;
        });
  }

  /** The first command to the heater that matches, skipping others, within 3 s. */
  private Actuator.Command fish(Predicate<Actuator.Command> wanted) {
    List<Actuator.Command> seen =
        heater.fishForMessage(
            Duration.ofSeconds(3),
            m -> wanted.test(m) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return seen.get(seen.size() - 1);
  }

  private Controller.Apply apply(String key, LoopChange change) {
    return new Controller.Apply(key, "tester", change, answers.getRef());
  }
}
