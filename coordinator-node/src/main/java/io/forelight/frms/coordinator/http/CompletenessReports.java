package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.history.Completeness;
import io.forelight.frms.coordinator.readings.Quarantine;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.readings.Track;
import java.util.List;
import java.util.Map;

/** Turns a sensor's stored numbers, sequence by sequence, into its completeness view. */
final class CompletenessReports {

  private CompletenessReports() {}

  static Views.SensorCompleteness of(
      String sensor, SensorLog.Positions positions, Map<Integer, Completeness> sequences) {
    Track track = positions.tracks().get(sensor);
    int current = track == null ? 1 : track.number();
    long base = track == null ? 0 : Math.max(0, track.base());
    long inJournal = positions.positions().getOrDefault(sensor, 0L);
    Completeness.Report report =
        sequences.getOrDefault(current, new Completeness()).report(sensor, base);
    List<Views.SequenceCompleteness> earlier =
        sequences.entrySet().stream()
            .filter(sequence -> sequence.getKey() != current)
            .sorted(Map.Entry.comparingByKey())
            .map(
                sequence -> {
                  Completeness.Report older = sequence.getValue().report(sensor, 0);
                  return Views.SequenceCompleteness.of(
                      sequence.getKey(),
                      sequence.getValue().report(sensor, Math.max(0, older.first() - 1)));
                })
            .toList();
    boolean complete =
        report.complete()
            && report.last() >= inJournal
            && earlier.stream().allMatch(Views.SequenceCompleteness::complete);
    return new Views.SensorCompleteness(
        sensor,
        report.first(),
        report.last(),
        report.count(),
        report.gaps(),
        report.duplicates(),
        inJournal,
        complete,
        report.lostAtSource(),
        report.lostSummary(),
        report.lostRanges().stream().map(Views.LostRangeView::of).toList(),
        current,
        track == null ? null : track.incarnation(),
        note(track, positions.quarantined().get(sensor)),
        earlier);
  }

  /** What an operator should know about a sensor's sequence, or null. */
  static String note(Track track, Quarantine quarantine) {
    if (quarantine != null) {
      return "quarantined " + quarantine.describe();
    }
    return track == null ? null : track.note().orElse(null);
  }
}
