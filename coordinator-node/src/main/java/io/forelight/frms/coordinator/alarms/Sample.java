package io.forelight.frms.coordinator.alarms;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * One stored reading of a watched sensor, as an alarm sees it: usable (not BAD) with a value, or
 * not.
 */
public record Sample(long seq, long takenAtMicros, double value, boolean good, String unit)
    implements CborSerializable {

  /** "38.62 °C", or "BAD". */
  public String describe() {
    return good
        ? String.format(java.util.Locale.ROOT, "%.4g", value) + (unit.isEmpty() ? "" : " " + unit)
        : "BAD";
  }
}
