package io.forelight.frms.coordinator.readings;

import java.util.ArrayList;
import java.util.List;

/** Readings for tests: a sensor's seq range with values derived from the seq. */
public final class Readings {

  private Readings() {}

  public static List<Reading> of(String sensor, long from, long to) {
    List<Reading> readings = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      readings.add(reading(sensor, seq));
    }
    return readings;
  }

  static Reading reading(String sensor, long seq) {
    return new Reading(
        sensor,
        seq,
        1_700_000_000_000_000L + seq * 1_000_000,
        20.0 + seq / 10.0,
        "°C",
        Quality.GOOD,
        "");
  }

  /** The readings of each ReadingsStored event among these, in order. */
  public static List<List<Reading>> storedIn(List<?> events) {
    return events.stream()
        .filter(SensorLog.ReadingsStored.class::isInstance)
        .map(e -> ((SensorLog.ReadingsStored) e).readings())
        .toList();
  }

  @SafeVarargs
  public static List<Reading> concat(List<Reading>... parts) {
    List<Reading> all = new ArrayList<>();
    for (List<Reading> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
