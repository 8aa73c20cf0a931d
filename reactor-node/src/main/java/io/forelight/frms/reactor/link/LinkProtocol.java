package io.forelight.frms.reactor.link;

import io.forelight.frms.link.v1.AddSensor;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.LostAtSource;
import io.forelight.frms.link.v1.Quality;
import io.forelight.frms.link.v1.Reading;
import io.forelight.frms.link.v1.SensorDescription;
import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.layout.LayoutChange;
import io.forelight.frms.reactor.sensor.Sensor;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import io.forelight.frms.reactor.sensor.Sensor.ReadingsLost;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Conversions between the link's protobuf messages and the reactor's domain records. */
final class LinkProtocol {

  private LinkProtocol() {}

  static Reading toProto(String sensorId, long seq, Sensor.Event event) {
    return event instanceof ReadingsLost lost
        ? toProto(sensorId, seq, lost)
        : toProto(sensorId, seq, (ReadingTaken) event);
  }

  /**
   * A range of readings lost at the source, as a BAD reading at the time of the first, whose detail
   * says what its {@code lost} field says (for coordinators that do not know that field).
   */
  static Reading toProto(String sensorId, long seq, ReadingsLost lost) {
    String detail =
        "lost at source: "
            + lost.count()
            + " reading(s) from "
            + Instant.EPOCH.plus(lost.fromMicros(), ChronoUnit.MICROS)
            + " to "
            + Instant.EPOCH.plus(lost.toMicros(), ChronoUnit.MICROS)
            + " ("
            + lost.reason()
            + ")";
    return Reading.newBuilder()
        .setSensorId(sensorId)
        .setSeq(seq)
        .setTakenAtMicros(lost.fromMicros())
        .setValue(Double.NaN)
        .setQuality(Quality.BAD)
        .setDetail(detail)
        .setLost(
            LostAtSource.newBuilder()
                .setFromMicros(lost.fromMicros())
                .setToMicros(lost.toMicros())
                .setCount(lost.count())
                .setReason(lost.reason()))
        .build();
  }

  /**
   * Sequence numbers {@code first..last} whose records the log lost (damage), as one lost-at-source
   * reading that stands for all of them; their time is known only as between their neighbours'.
   */
  static Reading lostSequence(
      String sensorId, long first, long last, long afterMicros, long beforeMicros) {
    ReadingsLost lost =
        new ReadingsLost(first, afterMicros, beforeMicros, last - first + 1, SequenceJumps.DAMAGED);
    Reading reading = toProto(sensorId, first, lost);
    return reading.toBuilder()
        .setLost(reading.getLost().toBuilder().setThroughSeq(last))
        .setDetail(
            "lost at source: sequence numbers "
                + first
                + " to "
                + last
                + " (a damaged record of the reactor's log)")
        .build();
  }

  static Reading toProto(String sensorId, long seq, ReadingTaken reading) {
    return Reading.newBuilder()
        .setSensorId(sensorId)
        .setSeq(seq)
        .setTakenAtMicros(reading.takenAtMicros())
        .setValue(reading.value())
        .setUnit(reading.unit())
        .setQuality(toProto(reading.quality()))
        .setDetail(reading.detail() == null ? "" : reading.detail())
        .setCalibration(reading.calibration())
        .build();
  }

  static Quality toProto(io.forelight.frms.reactor.sensor.Quality quality) {
    return switch (quality) {
      case GOOD -> Quality.GOOD;
      case SUSPECT -> Quality.SUSPECT;
      case BAD -> Quality.BAD;
    };
  }

  static SensorDescription toProto(
      SensorSpec spec, long lastSeq, long acknowledgedSeq, String incarnation) {
    return SensorDescription.newBuilder()
        .setIncarnation(incarnation)
        .setSensorId(spec.id())
        .setKind(spec.kind())
        .setUnit(spec.unit())
        .setDriver(spec.driver())
        .setIntervalMillis(spec.interval().toMillis())
        .setEnabled(spec.enabled())
        .setLastSeq(lastSeq)
        .setAcknowledgedSeq(acknowledgedSeq)
        .build();
  }

  /** The layout change a command asks for (already checked by {@code CommandRules}). */
  static LayoutChange fromProto(CommandRequest request) {
    return switch (request.getCommandCase()) {
      case SET_SENSOR_INTERVAL ->
          new LayoutChange.SetInterval(
              request.getSetSensorInterval().getSensorId(),
              Duration.ofMillis(request.getSetSensorInterval().getIntervalMillis()));
      case SET_SENSOR_ENABLED ->
          new LayoutChange.SetEnabled(
              request.getSetSensorEnabled().getSensorId(),
              request.getSetSensorEnabled().getEnabled());
      case ADD_SENSOR -> new LayoutChange.AddSensor(specOf(request.getAddSensor()));
      case REMOVE_SENSOR -> new LayoutChange.RemoveSensor(request.getRemoveSensor().getSensorId());
      case COMMAND_NOT_SET -> throw new IllegalArgumentException("the request names no command");
      default ->
          throw new IllegalArgumentException(request.getCommandCase() + " is not a sensor command");
    };
  }

  private static SensorSpec specOf(AddSensor add) {
    String unit =
        add.getUnit().isBlank()
            ? SensorKinds.defaultUnit(add.getKind())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "add_sensor needs a unit: kind '" + add.getKind() + "' has none"))
            : add.getUnit();
    SensorKinds.Range range =
        SensorKinds.defaultRange(add.getKind())
            .orElse(new SensorKinds.Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    try {
      return new SensorSpec(
          add.getSensorId(),
          add.getKind(),
          add.getDriver(),
          unit,
          Duration.ofMillis(add.getIntervalMillis()),
          true,
          Calibration.NONE,
          range,
          add.getSettingsMap());
    } catch (ConfigProblem e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
