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
 *
 * <p>The link re-reads the last stored reading of each sensor when it connects, so a duplicate of
 * the last stored reading is compared with it: if they differ, the reactor's log is not the one
 * this store copied (a replaced or reset reactor under the same id). That sensor's readings are
 * then refused ({@code diverged}) rather than mixed into a history they do not belong to.
 */
public final class Continuity {

  private Continuity() {}

  /** What a batch comes to against the stored positions. */
  public record Outcome(
      List<Reading> accepted,
      int duplicates,
      Map<String, Long> gaps,
      Map<String, Long> diverged,
      Map<String, Long> positions) {

    public boolean hasGaps() {
      return !gaps.isEmpty();
    }
  }

  /**
   * Checks a batch against the last stored reading of each sensor.
   *
   * @param positions last stored seq per sensor (absent = nothing stored yet)
   * @param latest last stored reading per sensor, to compare a re-sent one with
   * @return the accepted readings, in batch order, and the positions after them; {@code gaps} maps
   *     each sensor with a gap to the sequence number that was expected, {@code diverged} each
   *     sensor whose re-sent last reading differs from the stored one to its sequence number
   */
  public static Outcome check(
      Map<String, Long> positions, Map<String, Reading> latest, List<Reading> batch) {
    Map<String, Long> next = new HashMap<>(positions);
    Map<String, Long> gaps = new HashMap<>();
    Map<String, Long> diverged = new HashMap<>();
    List<Reading> accepted = new ArrayList<>();
    int duplicates = 0;
    for (Reading reading : batch) {
      String sensor = reading.sensorId();
      if (gaps.containsKey(sensor) || diverged.containsKey(sensor)) {
        continue;
      }
      long last = next.getOrDefault(sensor, 0L);
      if (reading.lastSeq() == last && differs(latest.get(sensor), reading)) {
        diverged.put(sensor, reading.seq());
      } else if (reading.seq() <= last) {
        duplicates++;
      } else if (reading.seq() == last + 1) {
        accepted.add(reading);
        next.put(sensor, reading.lastSeq());
      } else {
        gaps.put(sensor, last + 1);
      }
    }
    return new Outcome(
        List.copyOf(accepted),
        duplicates,
        Map.copyOf(gaps),
        Map.copyOf(diverged),
        Map.copyOf(next));
  }

  private static boolean differs(Reading stored, Reading resent) {
    return stored != null && stored.lastSeq() == resent.lastSeq() && !stored.equals(resent);
  }
}
