package io.forelight.frms.coordinator.history;

import io.forelight.frms.coordinator.readings.PerSensor;
import io.forelight.frms.coordinator.readings.Reading;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open (newest) minute of each sensor of one reactor, kept by its history writer beside the
 * rows it writes: readings are tallied as they are written, and when a sensor's first reading of a
 * later minute comes, the minute before is closed and its {@link Minute} saved. The first minute
 * after a start (or a failed write) held readings written before: it is completed from the stored
 * rows taken before its first tallied reading ({@link Partial}; none, for a reactor's first
 * minute), or recounted whole from its rows if its readings came out of time order; so is any older
 * minute a reading comes back to (a clock set back). Readings at or below the last one tallied were
 * counted before (the writer writes at least once) and are skipped. A minute that was never saved
 * (a crash between rows and minute) is read raw by {@link BucketedHistory}, so a missing minute
 * costs time, never a wrong figure. (Public for the export benchmark.)
 */
public final class MinuteBook {

  /**
   * Minutes to save as they are, minutes to recount from their rows, and minutes to complete from
   * the rows before their first tallied reading.
   */
  public record Rollup(List<Minute> closed, Set<SensorMinute> recount, List<Partial> partial) {}

  /**
   * A minute tallied from its reading taken at {@code firstMicros} (number {@code firstSeq}) on;
   * the stored rows taken before it, and any other at that instant, were written before the book
   * started and complete it.
   */
  public record Partial(Minute tallied, long firstMicros, long firstSeq) {

    /** Whether a stored row was tallied already. */
    boolean tallied(long takenAtMicros, long seq) {
      return takenAtMicros > firstMicros || (takenAtMicros == firstMicros && seq == firstSeq);
    }
  }

  /** A minute of one sensor, by its start. */
  public record SensorMinute(String sensorId, long startMicros) {}

  /**
   * A sensor's open minute: its tally, its first reading and the last tallied, and whether they
   * came in time order (one object per sensor).
   */
  private static final class Open extends Minute.Tally {
    final boolean vouched;
    int lastSequence;
    long lastSeq;
    long firstMicros = -1;
    long firstSeq;
    long lastMicros;
    boolean inTimeOrder = true;

    Open(String sensorId, long startMicros, boolean vouched) {
      super(sensorId, startMicros);
      this.vouched = vouched;
    }

    boolean counted(int sequence, long seq) {
      return sequence < lastSequence || (sequence == lastSequence && seq <= lastSeq);
    }

    void tally(Reading reading) {
      add(reading.value());
      long taken = reading.takenAtMicros();
      if (firstMicros < 0) {
        firstMicros = taken;
        firstSeq = reading.seq();
      } else if (taken <= lastMicros) {
        inTimeOrder = false;
      }
      lastMicros = taken;
    }
  }

  private final PerSensor<Open> open = new PerSensor<>();

  /**
   * Tallies readings written in each sensor's sequence ({@code sequences}, absent: 1), in the order
   * they were written; returns what to save.
   */
  public synchronized Rollup record(List<Reading> readings, Map<String, Integer> sequences) {
    List<Minute> closed = new ArrayList<>();
    Set<SensorMinute> recount = new LinkedHashSet<>();
    List<Partial> partial = new ArrayList<>();
    for (Reading reading : readings) {
      String sensor = reading.sensorId();
      int sequence = sequences.getOrDefault(sensor, 1);
      long minute = Minute.startOf(reading.takenAtMicros());
      Open current = open.get(sensor);
      if (current != null && current.counted(sequence, reading.seq())) {
        continue;
      }
      if (current == null || minute > current.startMicros()) {
        if (current != null) {
          close(current, closed, recount, partial);
        }
        // the sensor id once per node: readings read back from the journal bring their own copies
        String name = current != null ? current.sensorId() : sensor.intern();
        current = new Open(name, minute, current != null);
        open.put(name, current);
      }
      if (minute == current.startMicros()) {
        current.tally(reading);
      } else {
        recount.add(new SensorMinute(sensor, minute));
      }
      current.lastSequence = sequence;
      current.lastSeq = reading.lastSeq();
    }
    return new Rollup(closed, recount, partial);
  }

  private static void close(
      Open minute, List<Minute> closed, Set<SensorMinute> recount, List<Partial> partial) {
    if (minute.vouched) {
      closed.add(minute.result());
    } else if (minute.inTimeOrder && minute.firstMicros >= 0) {
      partial.add(new Partial(minute.result(), minute.firstMicros, minute.firstSeq));
    } else {
      recount.add(new SensorMinute(minute.sensorId(), minute.startMicros()));
    }
  }

  /** Forgets what it holds (after a failed write): the next minute of each sensor is recounted. */
  public synchronized void forget() {
    open.clear();
  }
}
