package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.readings.SensorLog.Event;
import io.forelight.frms.coordinator.readings.SensorLog.IncarnationStarted;
import io.forelight.frms.coordinator.readings.SensorLog.Origin;
import io.forelight.frms.coordinator.readings.SensorLog.Resume;
import io.forelight.frms.coordinator.readings.SensorLog.SensorQuarantined;
import io.forelight.frms.coordinator.readings.SensorLog.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that keep each sensor's stored readings in the right sequence ({@link Track}) and stop
 * one sensor, not the reactor, when its log and the store disagree ({@link Quarantine}). Pure
 * functions of the SensorLog's state.
 */
final class SensorTracks {

  /** A batch with the readings that may be checked for continuity, and sensors to ask again. */
  record Split(List<Reading> checked, Set<String> askAgain, int dropped) {}

  private SensorTracks() {}

  /**
   * What a new connection changes: a sensor seen for the first time starts its first sequence (or
   * adopts what was stored before incarnations); a new log incarnation starts a new sequence after
   * what the reactor still holds; an accepted conflict learns where it starts; a log that ends
   * before what is stored of it is quarantined.
   */
  static List<Event> open(State state, Map<String, Origin> origins, long nowMillis) {
    List<Event> events = new ArrayList<>();
    origins.forEach(
        (sensor, origin) -> {
          Track track = state.tracks().get(sensor);
          long position = state.positions().getOrDefault(sensor, 0L);
          if (track == null) {
            events.add(
                new IncarnationStarted(
                    sensor,
                    position > 0
                        ? new Track(origin.incarnation(), 1, 0, nowMillis, Track.ADOPTED)
                        : new Track(
                            origin.incarnation(),
                            1,
                            origin.acknowledgedSeq(),
                            nowMillis,
                            Track.FIRST)));
          } else if (!track.incarnation().equals(origin.incarnation())) {
            events.add(
                new IncarnationStarted(
                    sensor,
                    new Track(
                        origin.incarnation(),
                        track.number() + 1,
                        origin.acknowledgedSeq(),
                        nowMillis,
                        Track.NEW_LOG + " (was " + track.incarnation() + ")")));
          } else if (track.awaitsBase()) {
            events.add(
                new IncarnationStarted(sensor, track.startingAfter(origin.acknowledgedSeq())));
          } else if (!state.quarantined().containsKey(sensor)) {
            disagreement(sensor, origin, position)
                .ifPresent(
                    reason ->
                        events.add(
                            new SensorQuarantined(
                                sensor,
                                new Quarantine(
                                    origin.incarnation(), position, reason, nowMillis, null))));
          }
        });
    return events;
  }

  /**
   * Why the reactor's log of a sensor cannot continue what is stored of it, if it cannot: it ends
   * before the stored position (it lost readings it had), or it deleted readings beyond it (someone
   * else acknowledged them).
   */
  private static Optional<String> disagreement(String sensor, Origin origin, long position) {
    if (origin.lastSeq() < position) {
      return Optional.of(
          "the reactor's log of "
              + sensor
              + " ends at "
              + origin.lastSeq()
              + " but readings up to "
              + position
              + " of it are stored: the log lost readings it had (a cut tail, a restored"
              + " backup?)");
    }
    if (origin.acknowledgedSeq() > position) {
      return Optional.of(
          "the reactor's log of "
              + sensor
              + " was acknowledged up to "
              + origin.acknowledgedSeq()
              + " but only readings up to "
              + position
              + " of it are stored here: someone else acknowledged (and so deleted) readings of"
              + " it");
    }
    return Optional.empty();
  }

  /** Where each described sensor that is not quarantined resumes. */
  static Map<String, Resume> resume(State state, Set<String> sensors) {
    Map<String, Resume> resume = new HashMap<>();
    for (String sensor : sensors) {
      if (state.quarantined().containsKey(sensor)) {
        continue;
      }
      Track track = state.tracks().get(sensor);
      long position = state.positions().getOrDefault(sensor, 0L);
      long base = track == null ? 0 : track.base();
      // re-read the last stored one, if this sequence has one: see Continuity
      long after = position > base ? position - 1 : position;
      resume.put(sensor, new Resume(after, track == null ? "" : track.incarnation()));
    }
    return resume;
  }

  /**
   * Leaves out readings of quarantined sensors (dropped) and of sensors whose stored sequence is
   * not the batch's log incarnation or does not know its start yet (asked again after the next
   * connection, like a gap).
   */
  static Split split(State state, String incarnation, List<Reading> readings) {
    List<Reading> checked = new ArrayList<>(readings.size());
    Set<String> askAgain = new HashSet<>();
    int dropped = 0;
    for (Reading reading : readings) {
      String sensor = reading.sensorId();
      Track track = state.tracks().get(sensor);
      if (state.quarantined().containsKey(sensor)) {
        dropped++;
      } else if (track != null
          && (track.awaitsBase() || !track.incarnation().equals(incarnation))) {
        askAgain.add(sensor);
      } else {
        checked.add(reading);
      }
    }
    return new Split(checked, askAgain, dropped);
  }

  /** The quarantine of a sensor whose log lacks a reading: the same gap again and again. */
  static Quarantine hole(String sensor, long seq, State state, long nowMillis) {
    Track track = state.tracks().get(sensor);
    return new Quarantine(
        track == null ? "" : track.incarnation(),
        seq,
        "the reactor's log of "
            + sensor
            + " has no reading "
            + seq
            + ": the same gap on "
            + RepeatedGaps.LIMIT
            + " connections in a row (a damaged log?)",
        nowMillis,
        null);
  }

  /** The quarantine of a sensor whose re-sent last reading differs from the stored one. */
  static Quarantine diverged(String sensor, long seq, State state, long nowMillis) {
    Track track = state.tracks().get(sensor);
    return new Quarantine(
        track == null ? "" : track.incarnation(),
        seq,
        "the reactor's reading "
            + seq
            + " of "
            + sensor
            + " differs from the stored one with that number: its log is not the one stored"
            + " (restored from a backup, or replaced without a new log?)",
        nowMillis,
        null);
  }
}
