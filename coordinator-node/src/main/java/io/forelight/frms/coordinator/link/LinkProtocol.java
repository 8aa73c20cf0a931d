package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.readings.LostAtSource;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Quarantine;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.link.v1.AddSensor;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.RemoveSensor;
import io.forelight.frms.link.v1.SensorSeq;
import io.forelight.frms.link.v1.SetSensorEnabled;
import io.forelight.frms.link.v1.SetSensorInterval;
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
        shared(r.getSensorId()),
        r.getSeq(),
        r.getTakenAtMicros(),
        r.getValue(),
        shared(r.getUnit()),
        fromProto(r.getQuality()),
        r.getDetail(),
        r.hasLost()
            ? new LostAtSource(
                r.getLost().getFromMicros(),
                r.getLost().getToMicros(),
                r.getLost().getCount(),
                r.getLost().getReason(),
                r.getLost().getThroughSeq())
            : null,
        r.getCalibration());
  }

  /**
   * One copy of a name every reactor repeats (sensor ids, kinds, units, drivers) or a node keeps in
   * several places (a sensor's log incarnation: in its SensorLog, its link and each request naming
   * it): each message parsed brings its own copy, and a node keeps thousands of them (the readings
   * it holds, each reactor's description twice, each link's positions) where far fewer distinct
   * ones exist. The JVM's string table holds them weakly: a name no one uses any more is collected.
   */
  static String shared(String name) {
    return name.intern();
  }

  static Quality fromProto(io.forelight.frms.link.v1.Quality quality) {
    return switch (quality) {
      case GOOD -> Quality.GOOD;
      case SUSPECT -> Quality.SUSPECT;
      case BAD, QUALITY_UNSPECIFIED, UNRECOGNIZED -> Quality.BAD;
    };
  }

  /**
   * What a reactor said of itself, in an answer that came at {@code nowMillis} to a call that took
   * {@code roundTripMillis}: the reactor read its clock about halfway through, so its offset is
   * taken against that moment, not against when the answer arrived (a slow answer is not a skewed
   * clock).
   */
  public static ReactorInfo fromProto(ReactorDescription d, long nowMillis, long roundTripMillis) {
    return new ReactorInfo(
        d.getSoftwareVersion(),
        d.getSensorsList().stream()
            .map(
                s ->
                    new ReactorInfo.SensorInfo(
                        shared(s.getSensorId()),
                        shared(s.getKind()),
                        shared(s.getUnit()),
                        shared(s.getDriver()),
                        s.getIntervalMillis(),
                        s.getEnabled(),
                        s.getLastSeq(),
                        s.getAcknowledgedSeq(),
                        s.hasCalibration() ? CalibrationInfo.fromProto(s.getCalibration()) : null))
            .toList(),
        d.getClockMicros() / 1000 - (nowMillis - roundTripMillis / 2),
        d.getLog().getUnacknowledgedReadings(),
        d.getLog().getBytesOnDisk(),
        nowMillis,
        d.getLoopsList().stream().map(ControlInfo.LoopInfo::fromProto).toList(),
        d.getActuatorsList().stream().map(ControlInfo.ActuatorInfo::fromProto).toList());
  }

  public static CommandRequest toProto(String reactorId, PendingCommand pending) {
    CommandRequest.Builder request =
        CommandRequest.newBuilder()
            .setReactorId(reactorId)
            .setIdempotencyKey(pending.key())
            .setIssuedBy(pending.issuedBy());
    ReactorCommand command = pending.command();
    if (command instanceof ReactorCommand.SetSensorInterval c) {
      request.setSetSensorInterval(
          SetSensorInterval.newBuilder()
              .setSensorId(c.sensorId())
              .setIntervalMillis(c.intervalMillis()));
    } else if (command instanceof ReactorCommand.SetSensorEnabled c) {
      request.setSetSensorEnabled(
          SetSensorEnabled.newBuilder().setSensorId(c.sensorId()).setEnabled(c.enabled()));
    } else if (command instanceof ReactorCommand.AddSensor c) {
      request.setAddSensor(
          AddSensor.newBuilder()
              .setSensorId(c.sensorId())
              .setKind(c.kind())
              .setDriver(c.driver())
              .setUnit(c.unit())
              .setIntervalMillis(c.intervalMillis())
              .putAllSettings(c.settings()));
    } else if (command instanceof ReactorCommand.RemoveSensor c) {
      request.setRemoveSensor(RemoveSensor.newBuilder().setSensorId(c.sensorId()));
    } else if (command instanceof ReactorCommand.CalibrateProbe c) {
      request.setCalibrateProbe(CalibrationInfo.toProto(c));
    } else {
      LoopCommands.toProto(command, request);
    }
    return request.build();
  }

  public static List<SensorSeq> toProto(Map<String, Long> positions) {
    return toProto(positions, Map.of());
  }

  /** Positions, each named with its log incarnation where known (then the reactor checks it). */
  public static List<SensorSeq> toProto(
      Map<String, Long> positions, Map<String, String> incarnations) {
    return positions.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            e ->
                SensorSeq.newBuilder()
                    .setSensorId(e.getKey())
                    .setSeq(e.getValue())
                    .setIncarnation(incarnations.getOrDefault(e.getKey(), ""))
                    .build())
        .toList();
  }

  /** What a link shows of each quarantined sensor: why, since when, and any admin decision. */
  public static Map<String, String> notes(Map<String, Quarantine> quarantined) {
    Map<String, String> notes = new java.util.HashMap<>();
    quarantined.forEach((sensor, quarantine) -> notes.put(sensor, quarantine.describe()));
    return notes;
  }

  /** The sensors a reactor described, as the SensorLog needs them to open a connection. */
  public static Map<String, SensorLog.Origin> origins(ReactorDescription description) {
    Map<String, SensorLog.Origin> origins = new java.util.HashMap<>();
    for (io.forelight.frms.link.v1.SensorDescription sensor : description.getSensorsList()) {
      origins.put(
          shared(sensor.getSensorId()),
          new SensorLog.Origin(
              shared(sensor.getIncarnation()), sensor.getLastSeq(), sensor.getAcknowledgedSeq()));
    }
    return origins;
  }
}
