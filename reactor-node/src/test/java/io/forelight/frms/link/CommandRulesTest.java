package io.forelight.frms.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.link.v1.AddSensor;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.ProfileSegment;
import io.forelight.frms.link.v1.RunProfile;
import io.forelight.frms.link.v1.SetGains;
import io.forelight.frms.link.v1.SetLoopMode;
import io.forelight.frms.link.v1.SetOutputLimits;
import io.forelight.frms.link.v1.SetSensorInterval;
import io.forelight.frms.link.v1.SetSetpoint;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one copy of the command rules, as both the coordinator and the reactor apply them. */
class CommandRulesTest {

  private static Optional<String> interval(String sensor, long millis) {
    return CommandRules.problem(
        CommandRequest.newBuilder()
            .setSetSensorInterval(
                SetSensorInterval.newBuilder().setSensorId(sensor).setIntervalMillis(millis))
            .build());
  }

  @Test
  void namesWhatIsWrong() {
    assertEquals(Optional.empty(), interval("ph", 10));
    assertEquals(Optional.empty(), interval("ph", 86_400_000));
    assertEquals(
        Optional.of("intervalMillis must be 10..86400000 (10 ms to 24 h), got 9"),
        interval("ph", 9));
    assertEquals(
        Optional.of(
            "sensorId must be 1-63 letters, digits, '-' or '_', starting with a letter or digit,"
                + " got '-ph'"),
        interval("-ph", 100));
    assertEquals(
        Optional.of("driver is required"),
        CommandRules.problem(
            CommandRequest.newBuilder()
                .setAddSensor(AddSensor.newBuilder().setSensorId("o2").setKind("dissolved-oxygen"))
                .build()));
    assertEquals(
        Optional.of("the request names no command"),
        CommandRules.problem(CommandRequest.getDefaultInstance()));
  }

  @Test
  void loopCommandsNeedALoopIdAKnownModeAndFiniteNumbers() {
    assertEquals(
        Optional.empty(),
        CommandRules.problem(
            CommandRequest.newBuilder()
                .setSetSetpoint(
                    SetSetpoint.newBuilder()
                        .setLoopId("temperature")
                        .setSetpoint(37)
                        .setRampPerMinute(0.5))
                .build()));
    assertEquals(
        Optional.of("setpoint must be a finite number, got NaN"),
        CommandRules.problem(
            CommandRequest.newBuilder()
                .setSetSetpoint(
                    SetSetpoint.newBuilder().setLoopId("temperature").setSetpoint(Double.NaN))
                .build()));
    assertEquals(
        Optional.of("mode must be one of off, manual, auto, got 'cruise'"),
        CommandRules.problem(
            CommandRequest.newBuilder()
                .setSetLoopMode(SetLoopMode.newBuilder().setLoopId("ph").setMode("cruise"))
                .build()));
    assertEquals(
        Optional.of("kd must be a finite number >= 0, got -1.0"),
        CommandRules.problem(
            CommandRequest.newBuilder()
                .setSetGains(SetGains.newBuilder().setLoopId("ph").setKp(1).setKd(-1))
                .build()));
    assertEquals(
        Optional.of("min must be below max, got 0.8..0.2"),
        CommandRules.problem(
            CommandRequest.newBuilder()
                .setSetOutputLimits(
                    SetOutputLimits.newBuilder().setLoopId("t").setMin(0.8).setMax(0.2))
                .build()));
  }

  private static Optional<String> profile(String name, ProfileSegment... segments) {
    return CommandRules.problem(
        CommandRequest.newBuilder()
            .setRunProfile(
                RunProfile.newBuilder()
                    .setLoopId("temperature")
                    .setName(name)
                    .addAllSegments(java.util.List.of(segments)))
            .build());
  }

  private static ProfileSegment segment(double setpoint, long millis) {
    return ProfileSegment.newBuilder().setSetpoint(setpoint).setDurationMillis(millis).build();
  }

  @Test
  void aProfileHasANameOneToAHundredSegmentsOfFiniteSetpointsAndSaneDurations() {
    assertEquals(Optional.empty(), profile("warm-up", segment(30, 7_200_000), segment(37, 1000)));
    assertEquals(Optional.of("a profile has 1 to 100 segments, got 0"), profile("warm-up"));
    assertEquals(
        Optional.of(
            "name must be 1-63 letters, digits, '-' or '_', starting with a letter or digit, got"
                + " 'warm up'"),
        profile("warm up", segment(30, 1000)));
    assertEquals(
        Optional.of("segments[1].setpoint must be a finite number, got NaN"),
        profile("p", segment(30, 1000), segment(Double.NaN, 1000)));
    assertEquals(
        Optional.of(
            "segments[0].durationMillis must be 1000..2592000000 (1 s to 30 days), got 999"),
        profile("p", segment(30, 999)));
    ProfileSegment[] many = new ProfileSegment[101];
    java.util.Arrays.fill(many, segment(30, 1000));
    assertEquals(Optional.of("a profile has 1 to 100 segments, got 101"), profile("p", many));
  }
}
