package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * One reading as stored centrally. (reactor, sensorId, seq) is its identity, with the sequence
 * number the reactor's log gave it; the time is the reactor's clock. When {@code lost} is set (else
 * null) the sequence number stands for readings lost at the source, and the reading is BAD. {@code
 * calibration} is the probe's calibration version when it was taken (0: none through FRMS).
 */
public record Reading(
    String sensorId,
    long seq,
    long takenAtMicros,
    double value,
    String unit,
    Quality quality,
    String detail,
    LostAtSource lost,
    int calibration)
    implements CborSerializable {

  /** A reading taken under no calibration version (0), or lost at the source. */
  public Reading(
      String sensorId,
      long seq,
      long takenAtMicros,
      double value,
      String unit,
      Quality quality,
      String detail,
      LostAtSource lost) {
    this(sensorId, seq, takenAtMicros, value, unit, quality, detail, lost, 0);
  }

  public Reading(
      String sensorId,
      long seq,
      long takenAtMicros,
      double value,
      String unit,
      Quality quality,
      String detail) {
    this(sensorId, seq, takenAtMicros, value, unit, quality, detail, null, 0);
  }

  /** The last sequence number this reading stands for: its own, or a lost range's last. */
  public long lastSeq() {
    return lost == null ? seq : Math.max(seq, lost.throughSeq());
  }
}
