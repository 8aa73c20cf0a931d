package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.sensor.CborSerializable;

/**
 * What operators change on a running loop, persisted with every change: the mode, the setpoint it
 * ramps to ({@code rampPerMinute} units per minute, 0 = at once), the output held in manual, the
 * gains and the output range. Outputs are 0..1 of full scale, or mL per period for pH dosing.
 */
public record LoopSettings(
    LoopMode mode,
    double setpoint,
    double rampPerMinute,
    double manualOutput,
    Gains gains,
    double outputMin,
    double outputMax)
    implements CborSerializable {

  public LoopSettings withMode(LoopMode newMode) {
    return new LoopSettings(
        newMode, setpoint, rampPerMinute, manualOutput, gains, outputMin, outputMax);
  }

  public LoopSettings withSetpoint(double newSetpoint, double newRamp) {
    return new LoopSettings(mode, newSetpoint, newRamp, manualOutput, gains, outputMin, outputMax);
  }

  public LoopSettings withManualOutput(double output) {
    return new LoopSettings(mode, setpoint, rampPerMinute, output, gains, outputMin, outputMax);
  }

  public LoopSettings withGains(Gains newGains) {
    return new LoopSettings(
        mode, setpoint, rampPerMinute, manualOutput, newGains, outputMin, outputMax);
  }

  public LoopSettings withOutputRange(double min, double max) {
    return new LoopSettings(mode, setpoint, rampPerMinute, manualOutput, gains, min, max);
  }
}
