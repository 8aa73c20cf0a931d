package io.forelight.frms.reactor.sensor;

/** How far a reading can be trusted. */
public enum Quality {
  /** A value read and within the sensor's plausible range. */
  GOOD,
  /** A value read, but outside the plausible range: kept, flagged. */
  SUSPECT,
  /** No usable value (driver error, timeout, garbage, NaN): the value is NaN, never made up. */
  BAD
}
