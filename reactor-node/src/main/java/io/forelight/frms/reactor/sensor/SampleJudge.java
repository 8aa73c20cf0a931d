package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.config.SensorSpec;

/**
 * Turns what a driver answered into a sample: calibrates the raw value, then judges it. No value or
 * a non-finite one is BAD (value NaN); a value outside the plausible range is SUSPECT.
 */
public final class SampleJudge {

  private final SensorSpec spec;

  public SampleJudge(SensorSpec spec) {
    this.spec = spec;
  }

  public Sample judge(long takenAtMicros, double raw, String error) {
    if (error != null) {
      return Sample.bad(takenAtMicros, error);
    }
    if (!Double.isFinite(raw)) {
      return Sample.bad(takenAtMicros, "driver returned " + raw);
    }
    double value = spec.calibration().apply(raw);
    if (!spec.plausibleRange().contains(value)) {
      return new Sample(
          takenAtMicros,
          value,
          Quality.SUSPECT,
          "outside the plausible range ["
              + spec.plausibleRange().min()
              + ", "
              + spec.plausibleRange().max()
              + "] "
              + spec.unit());
    }
    return new Sample(takenAtMicros, value, Quality.GOOD, "");
  }
}
