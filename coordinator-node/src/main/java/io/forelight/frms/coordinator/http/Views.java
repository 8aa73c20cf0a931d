package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.history.Buckets;
import io.forelight.frms.coordinator.history.Completeness;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.readings.Reading;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the HTTP API. Times are ISO-8601 instants (UTC). */
final class Views {

  private Views() {}

  record ReactorView(
      String id,
      String address,
      List<String> groups,
      String link,
      String since,
      long backlog,
      long reconnects,
      long storedReadings,
      String lastError) {

    static ReactorView of(ReactorEntry entry, LinkState state) {
      return new ReactorView(
          entry.id(),
          entry.address(),
          entry.groups(),
          state.status().name().toLowerCase(),
          state.sinceMillis() == 0 ? null : Instant.ofEpochMilli(state.sinceMillis()).toString(),
          state.backlog(),
          state.reconnects(),
          state.storedReadings(),
          state.lastError());
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
      String detail) {

    static ReadingView of(Reading r) {
      return new ReadingView(
          r.sensorId(),
          r.seq(),
          instant(r.takenAtMicros()),
          Json.number(r.value()),
          r.unit(),
          r.quality().name(),
          r.detail());
    }
  }

  record PointView(
      long seq, String takenAt, Double value, String unit, String quality, String detail) {
    static PointView of(HistoryStore.Point p) {
      return new PointView(
          p.seq(),
          instant(p.takenAtMicros()),
          Json.number(p.value()),
          p.unit(),
          p.quality().name(),
          p.detail());
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

  record SensorCompleteness(
      String sensorId,
      long first,
      long last,
      long count,
      List<Completeness.Gap> gaps,
      List<Long> duplicates,
      long storedInJournal,
      boolean complete) {}

  record CompletenessView(String reactorId, List<SensorCompleteness> sensors) {}

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

  record ErrorView(String error) {}

  static String instant(long micros) {
    return Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L)
        .toString();
  }
}
