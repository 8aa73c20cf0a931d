package io.forelight.frms.reactor.config;

/** Linear correction of a raw driver value: {@code value = raw * gain + offset}. */
public record Calibration(double gain, double offset) {

  public static final Calibration NONE = new Calibration(1.0, 0.0);

  public double apply(double raw) {
    return raw * gain + offset;
  }
}
