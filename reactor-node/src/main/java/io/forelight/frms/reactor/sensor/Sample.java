package io.forelight.frms.reactor.sensor;

/** What one sampling produced, before it is logged: time, calibrated value, quality, why. */
public record Sample(long takenAtMicros, double value, Quality quality, String detail)
    implements CborSerializable {

  public static Sample bad(long takenAtMicros, String detail) {
    return new Sample(takenAtMicros, Double.NaN, Quality.BAD, detail);
  }
}
