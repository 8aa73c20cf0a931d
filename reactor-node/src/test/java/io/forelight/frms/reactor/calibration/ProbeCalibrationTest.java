package io.forelight.frms.reactor.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.ops.ReactorOps;
import io.forelight.frms.reactor.ops.SensorStatus;
import io.forelight.frms.reactor.sensor.Clock;
import io.forelight.frms.reactor.sensor.DriverRunner;
import io.forelight.frms.reactor.sensor.Quality;
import io.forelight.frms.reactor.sensor.Sensor;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A guided calibration point waits for a settled reading, goes to the probe once per key, becomes a
 * new calibration version that survives a restart, and is refused with a reason when it cannot be
 * applied.
 */
class ProbeCalibrationTest {

  private static final ActorTestKit testKit = ActorTestKit.create(TestConfigs.inMemory());
  private static final Set<CalibrationPoint> PH_POINTS =
      Set.of(
          CalibrationPoint.PH_MID,
          CalibrationPoint.PH_LOW,
          CalibrationPoint.PH_HIGH,
          CalibrationPoint.CLEAR);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private final ReactorOps ops = ReactorOps.get(testKit.system());
  private final TestProbe<ProbeCalibration.Reply> replies = testKit.createTestProbe();
  private final AtomicInteger pointsSent = new AtomicInteger();
  private volatile String deviceError;
  private Cancellable feeder;

  @AfterEach
  void stopFeeding() {
    if (feeder != null) {
      feeder.cancel();
    }
  }

  private static SensorSpec ph(String id) {
    return new SensorSpec(
        id,
        "ph",
        "simulated",
        "pH",
        Duration.ofMillis(200),
        true,
        Calibration.NONE,
        new SensorKinds.Range(0, 14),
        java.util.Map.of());
  }

  /** Logs a reading of the sensor every 200 ms, its value a function of the reading's number. */
  private void feed(SensorSpec spec, LongFunction<Double> value) {
    SensorStatus status = ops.sensorStarted(spec, null);
    AtomicLong seq = new AtomicLong();
    feeder =
        testKit
            .system()
            .scheduler()
            .scheduleAtFixedRate(
                Duration.ZERO,
                Duration.ofMillis(200),
                () -> {
                  long n = seq.incrementAndGet();
                  status.logged(
                      new Sensor.ReadingTaken(
                          n, Clock.nowMicros(), value.apply(n), "pH", Quality.GOOD, ""));
                },
                testKit.system().executionContext());
  }

  /** A sensor whose driver takes every point (or fails with {@link #deviceError}). */
  private ActorRef<Sensor.Command> sensor() {
    return testKit.spawn(
        Behaviors.receiveMessage(
            command -> {
              if (command instanceof Sensor.Calibrate c) {
                pointsSent.incrementAndGet();
                c.calibrate()
                    .replyTo()
                    .tell(
                        deviceError == null
                            ? new DriverRunner.Calibrated(ProbeState.points(1), null)
                            : new DriverRunner.Calibrated(null, deviceError));
              }
              return Behaviors.same();
            }));
  }

  private ActorRef<ProbeCalibration.Command> start(SensorSpec spec) {
    return testKit.spawn(ProbeCalibration.create(spec, PH_POINTS, "", ""));
  }

  private ProbeCalibration.Calibrate calibrate(
      String key, SensorSpec spec, ActorRef<Sensor.Command> sensor, CalibrationRequest request) {
    return new ProbeCalibration.Calibrate(
        key, "olga", request, spec, PH_POINTS, sensor, replies.getRef());
  }

  private static CalibrationRequest point(
      String sensorId, CalibrationPoint point, double value, Duration stableFor, Duration wait) {
    return new CalibrationRequest(sensorId, point, value, 0.05, stableFor, wait);
  }

  /** Sends the same key until it is settled, as the coordinator does; returns the settled reply. */
  private ProbeCalibration.Reply untilSettled(
      ActorRef<ProbeCalibration.Command> probe, ProbeCalibration.Calibrate command)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      probe.tell(command);
      ProbeCalibration.Reply reply = replies.receiveMessage(Duration.ofSeconds(5));
      if (reply.settled()) {
        return reply;
      }
      assertTrue(System.nanoTime() < deadline, "still waiting: " + reply.waiting());
      Thread.sleep(250);
    }
  }

  @Test
  void aPointWaitsForASettledReadingThenBecomesTheNextVersionOnce() throws Exception {
    SensorSpec spec = ph("ph-a");
    feed(spec, n -> 7.0 + (n % 2) * 0.01);
    ActorRef<ProbeCalibration.Command> probe = start(spec);
    ActorRef<Sensor.Command> sensor = sensor();
    var command =
        calibrate(
            "k1",
            spec,
            sensor,
            point("ph-a", CalibrationPoint.PH_MID, 7.0, Duration.ofSeconds(2), Duration.ZERO));

    probe.tell(command);
    ProbeCalibration.Reply first = replies.receiveMessage();
    assertFalse(first.settled(), "the window is not covered yet");
    assertTrue(first.waiting().startsWith("settling"), first.waiting());

    ProbeCalibration.Reply settled = untilSettled(probe, command);
    assertTrue(settled.outcome().applied(), settled.outcome().reason());
    assertEquals(1, pointsSent.get());
    assertEquals(1, ops.calibrationVersion("ph-a").orElseThrow());
    CalibrationRecord record = ops.calibration("ph-a").orElseThrow().latest();
    assertEquals(CalibrationPoint.PH_MID, record.point());
    assertEquals("olga", record.issuedBy());
    assertTrue(record.stability().startsWith("stable"), record.stability());

    probe.tell(command);
    assertTrue(replies.receiveMessage().outcome().applied());
    assertEquals(1, pointsSent.get(), "a key is sent to the probe at most once");

    testKit.stop(probe);
    start(spec);
    var restarted = testKit.createTestProbe();
    restarted.awaitAssert(
        () -> {
          assertEquals(1, ops.calibrationVersion("ph-a").orElseThrow());
          return null;
        });
  }

  @Test
  void aPointForAnotherKindOfProbeIsRefusedWithTheReasonAndRemembered() {
    SensorSpec spec = ph("ph-b");
    ActorRef<ProbeCalibration.Command> probe = start(spec);
    var command =
        calibrate(
            "k2",
            spec,
            sensor(),
            point("ph-b", CalibrationPoint.DO_ZERO, 0, Duration.ZERO, Duration.ZERO));
    probe.tell(command);
    ProbeCalibration.Reply reply = replies.receiveMessage();
    assertFalse(reply.outcome().applied());
    assertEquals(
        "calibration point do-zero is for dissolved-oxygen probes, not ph",
        reply.outcome().reason());
    probe.tell(command);
    assertEquals(reply.outcome(), replies.receiveMessage().outcome());
    assertEquals(0, pointsSent.get());
  }

  @Test
  void aPointTheProbeRefusesIsRejectedAndTheVersionStays() {
    SensorSpec spec = ph("ph-c");
    deviceError = "EZO circuit rejected Cal,clear (syntax error)";
    ActorRef<ProbeCalibration.Command> probe = start(spec);
    probe.tell(
        calibrate(
            "k3",
            spec,
            sensor(),
            point("ph-c", CalibrationPoint.CLEAR, 0, Duration.ZERO, Duration.ZERO)));
    ProbeCalibration.Reply reply = replies.receiveMessage();
    assertEquals(
        "the probe did not take clear: EZO circuit rejected Cal,clear (syntax error)",
        reply.outcome().reason());
    assertEquals(0, ops.calibrationVersion("ph-c").orElseThrow());
  }

  @Test
  void aReadingThatNeverSettlesEndsTheWaitWithARejection() throws Exception {
    SensorSpec spec = ph("ph-d");
    feed(spec, n -> 7.0 + n * 0.05); // a probe still drifting
    ActorRef<ProbeCalibration.Command> probe = start(spec);
    var command =
        calibrate(
            "k4",
            spec,
            sensor(),
            point(
                "ph-d",
                CalibrationPoint.PH_MID,
                7.0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2)));
    ProbeCalibration.Reply reply = untilSettled(probe, command);
    assertFalse(reply.outcome().applied());
    assertTrue(
        reply.outcome().reason().startsWith("the reading of ph-d did not settle within 2 s"),
        reply.outcome().reason());
    assertEquals(0, pointsSent.get());
  }
}
