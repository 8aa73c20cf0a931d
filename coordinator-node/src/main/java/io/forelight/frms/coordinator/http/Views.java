package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.history.Buckets;
import io.forelight.frms.coordinator.history.Completeness;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.ownership.Owner;
import io.forelight.frms.coordinator.readings.Reading;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the HTTP API. Times are ISO-8601 instants (UTC). */
final class Views {

  private Views() {}

  /**
   * A reactor in the fleet: its link as the coordinator holding it reports it, and which
   * coordinator that is ({@code owner}, host:port). When that coordinator cannot be asked, {@code
   * link} says why ({@code owner-unreachable}, {@code owner-removed}, {@code no-answer}) and the
   * link's figures are null (unknown), never 0. {@code quarantined}: the reactor's sensors whose
   * readings are refused, with why and since when (the others stream on); {@code newSequences}:
   * sensors stored in a new sequence since their reactor's log changed; both null when unknown.
   * {@code clockSkew}: how far the reactor's clock is off, when beyond the allowed skew.
   */
  record ReactorView(
      String id,
      String address,
      List<String> groups,
      String owner,
      String link,
      String since,
      Long backlog,
      Long reconnects,
      Long storedReadings,
      String lastError,
      Map<String, String> quarantined,
      Map<String, String> newSequences,
      String clockSkew) {

    static ReactorView of(ReactorEntry entry, LinkState state, Owner owner) {
      return new ReactorView(
          entry.id(),
          entry.address(),
          entry.groups(),
          owner == null ? state.node() : owner.node(),
          state.status().name().toLowerCase(),
          state.sinceMillis() == 0 ? null : Instant.ofEpochMilli(state.sinceMillis()).toString(),
          state.backlog(),
          state.reconnects(),
          state.storedReadings(),
          state.lastError(),
          state.quarantined(),
          state.newSequences(),
          state.clockSkew());
    }

    /** The link's state is unknown: its holder is unreachable or gone, or did not answer. */
    static ReactorView unknown(
        ReactorEntry entry, Owner owner, String link, Instant since, String why) {
      return new ReactorView(
          entry.id(),
          entry.address(),
          entry.groups(),
          owner == null ? null : owner.node(),
          link,
          since == null ? null : since.toString(),
          null,
          null,
          null,
          why,
          null,
          null,
          null);
    }
  }

  record FleetView(List<ReactorView> reactors, String problem) {}

  record ReadingView(
      String sensorId,
      long seq,
      String takenAt,
      Double value,
      String unit,
      String quality,
      String detail,
      int calibration) {

    static ReadingView of(String sensorId, HistoryStore.Point p) {
      return new ReadingView(
          sensorId,
          p.seq(),
          instant(p.takenAtMicros()),
          Json.number(p.value()),
          p.unit(),
          p.quality().name(),
          p.detail(),
          p.calibration());
    }

    static ReadingView of(Reading r) {
      return new ReadingView(
          r.sensorId(),
          r.seq(),
          instant(r.takenAtMicros()),
          Json.number(r.value()),
          r.unit(),
          r.quality().name(),
          r.detail(),
          r.calibration());
    }
  }

  /** A raw reading: its time on the reactor's clock, and when the coordinator received it. */
  record PointView(
      long seq,
      String takenAt,
      Double value,
      String unit,
      String quality,
      String detail,
      String receivedAt,
      int calibration) {
    static PointView of(HistoryStore.Point p) {
      return new PointView(
          p.seq(),
          instant(p.takenAtMicros()),
          Json.number(p.value()),
          p.unit(),
          p.quality().name(),
          p.detail(),
          p.receivedAtMicros() == 0 ? null : instant(p.receivedAtMicros()),
          p.calibration());
    }
  }

  record PointsView(
      String reactorId, String sensorId, String from, String to, List<PointView> points) {}

  record BucketView(
      String start, String end, long count, long bad, Double min, Double mean, Double max) {
    static BucketView of(Buckets.Bucket b) {
      return new BucketView(
          instant(b.startMicros()),
          instant(b.endMicros()),
          b.count(),
          b.bad(),
          b.min(),
          b.mean(),
          b.max());
    }
  }

  record BucketsView(
      String reactorId, String sensorId, String from, String to, List<BucketView> buckets) {}

  /**
   * One sensor's completeness: the figures are of the sequence its readings are stored in now
   * ({@code sequence}, from its reactor's log {@code incarnation}); {@code complete} covers every
   * sequence. {@code note} says what an operator should know ("new log incarnation since T",
   * "quarantined since T: reason"), else null. Earlier sequences (a wiped card, an accepted
   * conflict) are listed with their own figures, each checked from its first stored number.
   */
  record SensorCompleteness(
      String sensorId,
      long first,
      long last,
      long count,
      List<Completeness.Gap> gaps,
      List<Long> duplicates,
      long storedInJournal,
      boolean complete,
      long lostAtSource,
      String lostSummary,
      List<LostRangeView> lostRanges,
      int sequence,
      String incarnation,
      String note,
      List<SequenceCompleteness> earlierSequences) {}

  /** An earlier sequence of a sensor's readings, from an older log incarnation. */
  record SequenceCompleteness(
      int sequence,
      long first,
      long last,
      long count,
      List<Completeness.Gap> gaps,
      List<Long> duplicates,
      boolean complete,
      long lostAtSource,
      String lostSummary) {
    static SequenceCompleteness of(int sequence, Completeness.Report report) {
      return new SequenceCompleteness(
          sequence,
          report.first(),
          report.last(),
          report.count(),
          report.gaps(),
          report.duplicates(),
          report.complete(),
          report.lostAtSource(),
          report.lostSummary());
    }
  }

  /** Readings a reactor could not keep, under one sequence number. */
  record LostRangeView(long seq, String from, String to, long count, String reason) {
    static LostRangeView of(Completeness.LostRange range) {
      return new LostRangeView(
          range.seq(),
          instant(range.lost().fromMicros()),
          instant(range.lost().toMicros()),
          range.lost().count(),
          range.lost().reason());
    }
  }

  /**
   * The audited journal's own event numbers (only with {@code source=journal}): an event number
   * twice means two coordinators wrote this reactor's journal at once.
   */
  record EventsCompleteness(
      long first,
      long last,
      long count,
      List<Completeness.Gap> gaps,
      List<Long> duplicates,
      boolean complete) {
    static EventsCompleteness of(Completeness.Report report) {
      return new EventsCompleteness(
          report.first(),
          report.last(),
          report.count(),
          report.gaps(),
          report.duplicates(),
          report.complete());
    }
  }

  record CompletenessView(
      String reactorId, List<SensorCompleteness> sensors, EventsCompleteness journalEvents) {}

  record LatestView(String reactorId, List<ReadingView> sensors) {
    static LatestView of(String reactorId, Map<String, Reading> latest) {
      return new LatestView(
          reactorId,
          latest.values().stream()
              .sorted(Comparator.comparing(Reading::sensorId))
              .map(ReadingView::of)
              .toList());
    }
  }

  /** The latest readings of every reactor that answered. */
  record FleetLatestView(List<LatestView> reactors) {}

  record ErrorView(String error) {}

  static String instant(long micros) {
    return Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L)
        .toString();
  }
}
