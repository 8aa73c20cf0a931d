package io.forelight.frms.coordinator.readings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule that keeps every sensor's stored sequence gap-free and duplicate-free: a reading is
 * accepted only if it is the next of its sensor (last stored + 1). Earlier ones are duplicates and
 * dropped; a later one is a gap: it and the rest of that sensor's readings in the batch are
 * dropped, and the caller must ask again from the last stored number.
 */
public final class Continuity {

  private Continuity() {}

  /** What a batch comes to against the stored positions. */
  public record Outcome(
      List<Reading> accepted, int duplicates, Map<String, Long> gaps, Map<String, Long> positions) {

    public boolean hasGaps() {
      return !gaps.isEmpty();
    }
  }

  /**
   * Checks a batch against the last stored sequence number of each sensor.
   *
   * @param positions last stored seq per sensor (absent = nothing stored yet)
   * @return the accepted readings, in batch order, and the positions after them; {@code gaps} maps
   *     each sensor with a gap to the sequence number that was expected
   */
  public static Outcome check(Map<String, Long> positions, List<Reading> batch) {
    Map<String, Long> next = new HashMap<>(positions);
    Map<String, Long> gaps = new HashMap<>();
    List<Reading> accepted = new ArrayList<>();
    int duplicates = 0;
    for (Reading reading : batch) {
      String sensor = reading.sensorId();
      if (gaps.containsKey(sensor)) {
        continue;
      }
      long last = next.getOrDefault(sensor, 0L);
      if (reading.seq() <= last) {
        duplicates++;
      } else if (reading.seq() == last + 1) {
        accepted.add(reading);
        next.put(sensor, reading.seq());
      } else {
        gaps.put(sensor, last + 1);
      }
    }
    return new Outcome(List.copyOf(accepted), duplicates, Map.copyOf(gaps), Map.copyOf(next));
  }
}
