package io.forelight.frms.coordinator.readings;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a passing gap from a hole: the link asks again after every gap, so the same gap of a sensor
 * at the same number {@link #LIMIT} times in a row, with nothing of it stored between, means the
 * reactor's log does not have that reading. That sensor is then quarantined instead of stopping its
 * reactor's stream over and over. In memory only: a restart starts counting afresh.
 */
final class RepeatedGaps {

  static final int LIMIT = 3;

  private final Map<String, Long> expected = new HashMap<>();
  private final Map<String, Integer> times = new HashMap<>();

  /**
   * Records an append's gaps (sensor to the number expected) and the sensors it stored readings of;
   * returns the sensors whose gap has now come back {@link #LIMIT} times.
   */
  Map<String, Long> record(Map<String, Long> gaps, Set<String> stored) {
    stored.forEach(
        sensor -> {
          expected.remove(sensor);
          times.remove(sensor);
        });
    Map<String, Long> holes = new HashMap<>();
    gaps.forEach(
        (sensor, seq) -> {
          int count = seq.equals(expected.get(sensor)) ? times.get(sensor) + 1 : 1;
          expected.put(sensor, seq);
          times.put(sensor, count);
          if (count >= LIMIT) {
            holes.put(sensor, seq);
            expected.remove(sensor);
            times.remove(sensor);
          }
        });
    return holes;
  }
}
