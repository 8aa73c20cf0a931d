package io.forelight.frms.coordinator.link;

import java.util.Locale;
import java.util.Optional;

/**
 * What a command would change, as the reactor last described it: the "old" of its audit event
 * ({@code setpoint 37.0 (ramp 0.0/min)}, {@code calibration version 1 (ph-mid 7.0 by olga)}), or
 * null when the reactor has not described it (never connected, or the sensor or loop is new).
 */
public final class CommandInForce {

  private CommandInForce() {}

  public static String of(ReactorCommand command, ReactorInfo info) {
    if (info == null) {
      return null;
    }
    if (command instanceof ReactorCommand.SetSensorInterval c) {
      return sensor(info, c.sensorId())
          .map(s -> "interval " + s.intervalMillis() + " ms")
          .orElse(null);
    }
    if (command instanceof ReactorCommand.SetSensorEnabled c) {
      return sensor(info, c.sensorId()).map(s -> "enabled " + s.enabled()).orElse(null);
    }
    if (command instanceof ReactorCommand.RemoveSensor c) {
      return sensor(info, c.sensorId())
          .map(s -> s.kind() + " via " + s.driver() + " every " + s.intervalMillis() + " ms")
          .orElse(null);
    }
    if (command instanceof ReactorCommand.CalibrateProbe c) {
      return sensor(info, c.sensorId())
          .map(ReactorInfo.SensorInfo::calibration)
          .map(CommandInForce::calibration)
          .orElse(null);
    }
    if (command instanceof ReactorCommand.SetLoopMode c) {
      return loop(info, c.loopId()).map(l -> "mode " + l.mode()).orElse(null);
    }
    if (command instanceof ReactorCommand.SetSetpoint c) {
      return loop(info, c.loopId()).map(CommandInForce::setpoint).orElse(null);
    }
    if (command instanceof ReactorCommand.RunProfile c) {
      return loop(info, c.loopId()).map(CommandInForce::setpoint).orElse(null);
    }
    if (command instanceof ReactorCommand.StopProfile c) {
      return loop(info, c.loopId()).map(CommandInForce::setpoint).orElse(null);
    }
    if (command instanceof ReactorCommand.SetLoopOutput c) {
      return loop(info, c.loopId())
          .map(l -> format("manual output %s", l.manualOutput()))
          .orElse(null);
    }
    if (command instanceof ReactorCommand.SetGains c) {
      return loop(info, c.loopId())
          .map(l -> format("kp %s, ki %s, kd %s", l.kp(), l.ki(), l.kd()))
          .orElse(null);
    }
    if (command instanceof ReactorCommand.SetOutputLimits c) {
      return loop(info, c.loopId())
          .map(l -> format("output %s..%s", l.outputMin(), l.outputMax()))
          .orElse(null);
    }
    return null; // add-sensor: nothing was there
  }

  private static String setpoint(ControlInfo.LoopInfo loop) {
    String setpoint = format("setpoint %s (ramp %s/min)", loop.setpoint(), loop.rampPerMinute());
    return loop.profile() == null
        ? setpoint
        : setpoint + format(", profile %s", loop.profile().name());
  }

  private static String calibration(CalibrationInfo c) {
    if (c.latest() == null) {
      return "calibration version " + c.version() + " (not calibrated through FRMS)";
    }
    return format(
        "calibration version %d (%s %s by %s)",
        c.version(), c.latest().point(), c.latest().value(), c.latest().issuedBy());
  }

  private static Optional<ReactorInfo.SensorInfo> sensor(ReactorInfo info, String sensorId) {
    return info.sensors().stream().filter(s -> s.sensorId().equals(sensorId)).findFirst();
  }

  private static Optional<ControlInfo.LoopInfo> loop(ReactorInfo info, String loopId) {
    return info.loops().stream().filter(l -> l.loopId().equals(loopId)).findFirst();
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
