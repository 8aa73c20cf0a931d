package io.forelight.frms.reactor.sensor;

/**
 * Readings a sensor sampled but could not log (its log was full, or a write failed), gathered into
 * one range until the log takes writes again; then the range is logged as a {@link
 * Sensor.ReadingsLost} under its own sequence number, so the loss is stored centrally like a
 * reading instead of being silent.
 */
final class LostReadings {

  private long fromMicros;
  private long toMicros;
  private long count;
  private String reason;

  void add(long takenAtMicros, String why) {
    if (count == 0) {
      fromMicros = takenAtMicros;
      reason = why;
    }
    fromMicros = Math.min(fromMicros, takenAtMicros);
    toMicros = Math.max(toMicros, takenAtMicros);
    count++;
  }

  /** Takes back a range whose write failed, with whatever was counted meanwhile. */
  void add(Sensor.ReadingsLost range) {
    if (count == 0) {
      fromMicros = range.fromMicros();
      toMicros = range.toMicros();
      reason = range.reason();
    }
    fromMicros = Math.min(fromMicros, range.fromMicros());
    toMicros = Math.max(toMicros, range.toMicros());
    count += range.count();
  }

  boolean isEmpty() {
    return count == 0;
  }

  Sensor.ReadingsLost event(long seq) {
    return new Sensor.ReadingsLost(seq, fromMicros, toMicros, count, reason);
  }

  void clear() {
    count = 0;
    toMicros = 0;
    reason = null;
  }
}
