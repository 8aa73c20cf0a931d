package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.SensorSeq;
import java.util.List;
import java.util.Map;

/** Conversions between the link's protobuf messages and the coordinator's records. */
public final class LinkProtocol {

  private LinkProtocol() {}

  public static List<Reading> fromProto(ReadingBatch batch) {
    return batch.getReadingsList().stream().map(LinkProtocol::fromProto).toList();
  }

  public static Reading fromProto(io.forelight.frms.link.v1.Reading r) {
    return new Reading(
        r.getSensorId(),
        r.getSeq(),
        r.getTakenAtMicros(),
        r.getValue(),
        r.getUnit(),
        fromProto(r.getQuality()),
        r.getDetail());
  }

  static Quality fromProto(io.forelight.frms.link.v1.Quality quality) {
    return switch (quality) {
      case GOOD -> Quality.GOOD;
      case SUSPECT -> Quality.SUSPECT;
      case BAD, QUALITY_UNSPECIFIED, UNRECOGNIZED -> Quality.BAD;
    };
  }

  public static List<SensorSeq> toProto(Map<String, Long> positions) {
    return positions.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> SensorSeq.newBuilder().setSensorId(e.getKey()).setSeq(e.getValue()).build())
        .toList();
  }
}
