package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.sensor.CborSerializable;

/**
 * What operators change on a running loop, persisted with every change: the mode, the setpoint it
 * ramps to ({@code rampPerMinute} units per minute, 0 = at once), the output held in manual, the
 * gains, the output range, and the setpoint profile it follows (null when none: a new setpoint or a
 * stop ends one). While a profile runs, {@code setpoint} is where the profile ends. Outputs are
 * 0..1 of full scale, or mL per period for pH dosing.
 */
public record LoopSettings(
    LoopMode mode,
    double setpoint,
    double rampPerMinute,
    double manualOutput,
    Gains gains,
    double outputMin,
    double outputMax,
    SetpointProfile profile)
    implements CborSerializable {

  public LoopSettings(
      LoopMode mode,
      double setpoint,
      double rampPerMinute,
      double manualOutput,
      Gains gains,
      double outputMin,
      double outputMax) {
    this(mode, setpoint, rampPerMinute, manualOutput, gains, outputMin, outputMax, null);
  }

  public LoopSettings withMode(LoopMode newMode) {
    return new LoopSettings(
        newMode, setpoint, rampPerMinute, manualOutput, gains, outputMin, outputMax, profile);
  }

  /** A setpoint of its own: any profile ends. */
  public LoopSettings withSetpoint(double newSetpoint, double newRamp) {
    return new LoopSettings(
        mode, newSetpoint, newRamp, manualOutput, gains, outputMin, outputMax, null);
  }

  /** Follows the profile from now on; its end is the setpoint held after it. */
  public LoopSettings withProfile(SetpointProfile newProfile) {
    return new LoopSettings(
        mode, newProfile.finalSetpoint(), 0, manualOutput, gains, outputMin, outputMax, newProfile);
  }

  public LoopSettings withManualOutput(double output) {
    return new LoopSettings(
        mode, setpoint, rampPerMinute, output, gains, outputMin, outputMax, profile);
  }

  public LoopSettings withGains(Gains newGains) {
    return new LoopSettings(
        mode, setpoint, rampPerMinute, manualOutput, newGains, outputMin, outputMax, profile);
  }

  public LoopSettings withOutputRange(double min, double max) {
    return new LoopSettings(mode, setpoint, rampPerMinute, manualOutput, gains, min, max, profile);
  }

  /** The profile if one is still running at {@code nowMillis}. */
  public java.util.Optional<SetpointProfile> runningProfile(long nowMillis) {
    return profile == null || profile.finishedAt(nowMillis)
        ? java.util.Optional.empty()
        : java.util.Optional.of(profile);
  }
}
