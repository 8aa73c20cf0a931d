package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * Readings a reactor sampled but could not keep (its log was full), reported under one sequence
 * number: {@code count} readings taken from {@code fromMicros} to {@code toMicros}, and why. When
 * {@code throughSeq} is above the reading's own seq (else 0), the reading stands for every number
 * up to it: records the reactor's log lost to damage.
 */
public record LostAtSource(
    long fromMicros, long toMicros, long count, String reason, long throughSeq)
    implements CborSerializable {

  public LostAtSource(long fromMicros, long toMicros, long count, String reason) {
    this(fromMicros, toMicros, count, reason, 0);
  }
}
