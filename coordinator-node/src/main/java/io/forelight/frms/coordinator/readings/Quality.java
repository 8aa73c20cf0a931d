package io.forelight.frms.coordinator.readings;

/** How far a reading can be trusted, as the reactor judged it. */
public enum Quality {
  GOOD,
  SUSPECT,
  BAD
}
