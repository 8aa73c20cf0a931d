package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * One reading as stored centrally. (reactor, sensorId, seq) is its identity, with the sequence
 * number the reactor's log gave it; the time is the reactor's clock. When {@code lost} is set (else
 * null) the sequence number stands for readings lost at the source, and the reading is BAD.
 */
public record Reading(
    String sensorId,
    long seq,
    long takenAtMicros,
    double value,
    String unit,
    Quality quality,
    String detail,
    LostAtSource lost)
    implements CborSerializable {

  public Reading(
      String sensorId,
      long seq,
      long takenAtMicros,
      double value,
      String unit,
      Quality quality,
      String detail) {
    this(sensorId, seq, takenAtMicros, value, unit, quality, detail, null);
  }

  /** The last sequence number this reading stands for: its own, or a lost range's last. */
  public long lastSeq() {
    return lost == null ? seq : Math.max(seq, lost.throughSeq());
  }
}
