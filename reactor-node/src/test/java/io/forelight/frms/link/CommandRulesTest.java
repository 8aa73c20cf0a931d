package io.forelight.frms.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.link.v1.AddSensor;
import io.forelight.frms.link.v1.CommandRequest;
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
}
