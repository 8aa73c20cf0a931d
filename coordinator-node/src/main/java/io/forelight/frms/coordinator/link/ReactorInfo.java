package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.link.ControlInfo.ActuatorInfo;
import io.forelight.frms.coordinator.link.ControlInfo.LoopInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reactor said of itself when last described: software version, sensors, its clock's offset
 * from the coordinator's (ms, positive when the reactor is ahead), its local log, its control loops
 * and actuators.
 */
public record ReactorInfo(
    String softwareVersion,
    List<SensorInfo> sensors,
    long clockOffsetMillis,
    long unacknowledgedReadings,
    long bytesOnDisk,
    long describedAtMillis,
    List<LoopInfo> loops,
    List<ActuatorInfo> actuators)
    implements CborSerializable {

  public ReactorInfo {
    sensors = List.copyOf(sensors);
    loops = loops == null ? List.of() : List.copyOf(loops);
    actuators = actuators == null ? List.of() : List.copyOf(actuators);
  }

  /** One sensor as the reactor described it. */
  public record SensorInfo(
      String sensorId,
      String kind,
      String unit,
      String driver,
      long intervalMillis,
      boolean enabled,
      long lastSeq,
      long acknowledgedSeq,
      CalibrationInfo calibration)
      implements CborSerializable {

    /** A sensor that cannot be calibrated. */
    public SensorInfo(
        String sensorId,
        String kind,
        String unit,
        String driver,
        long intervalMillis,
        boolean enabled,
        long lastSeq,
        long acknowledgedSeq) {
      this(sensorId, kind, unit, driver, intervalMillis, enabled, lastSeq, acknowledgedSeq, null);
    }

    SensorInfo shape() {
      return new SensorInfo(
          sensorId,
          kind,
          unit,
          driver,
          intervalMillis,
          enabled,
          0,
          0,
          calibration == null ? null : calibration.shape());
    }
  }

  /**
   * True when version, sensors, loop settings or actuators differ (sequence numbers, clock, log
   * figures and what loops and actuators do from moment to moment aside).
   */
  public boolean changedFrom(ReactorInfo other) {
    return other == null
        || !softwareVersion.equals(other.softwareVersion)
        || !sensors.stream()
            .map(SensorInfo::shape)
            .toList()
            .equals(other.sensors.stream().map(SensorInfo::shape).toList())
        || !loops.stream()
            .map(LoopInfo::shape)
            .toList()
            .equals(other.loops.stream().map(LoopInfo::shape).toList())
        || !actuators.stream()
            .map(ActuatorInfo::shape)
            .toList()
            .equals(other.actuators.stream().map(ActuatorInfo::shape).toList());
  }

  /**
   * What moves between two descriptions of one shape (see {@link #changedFrom}): the clock's
   * offset, the log's figures, each sensor's sequence numbers and calibration, what the loops and
   * actuators do. An entity that persisted one description keeps these of the latest instead of a
   * second copy of every sensor ({@link #at}).
   */
  public record Moments(
      long clockOffsetMillis,
      long unacknowledgedReadings,
      long bytesOnDisk,
      long describedAtMillis,
      long[] sequences,
      CalibrationInfo[] calibrations,
      List<LoopInfo> loops,
      List<ActuatorInfo> actuators) {}

  /** The moving figures of this description. */
  public Moments moments() {
    long[] sequences = new long[sensors.size() * 2];
    CalibrationInfo[] calibrations = null;
    for (int i = 0; i < sensors.size(); i++) {
      SensorInfo sensor = sensors.get(i);
      sequences[2 * i] = sensor.lastSeq();
      sequences[2 * i + 1] = sensor.acknowledgedSeq();
      if (sensor.calibration() != null) {
        if (calibrations == null) {
          calibrations = new CalibrationInfo[sensors.size()];
        }
        calibrations[i] = sensor.calibration();
      }
    }
    return new Moments(
        clockOffsetMillis,
        unacknowledgedReadings,
        bytesOnDisk,
        describedAtMillis,
        sequences,
        calibrations,
        loops,
        actuators);
  }

  /**
   * This description with the moving figures of another of the same shape: what that other one
   * said.
   *
   * @throws IllegalArgumentException if {@code moments} are of a description with another number of
   *     sensors
   */
  public ReactorInfo at(Moments moments) {
    if (moments.sequences().length != sensors.size() * 2) {
      throw new IllegalArgumentException(
          "moments of "
              + moments.sequences().length / 2
              + " sensors for a description of "
              + sensors.size());
    }
    List<SensorInfo> now = new ArrayList<>(sensors.size());
    for (int i = 0; i < sensors.size(); i++) {
      SensorInfo s = sensors.get(i);
      now.add(
          new SensorInfo(
              s.sensorId(),
              s.kind(),
              s.unit(),
              s.driver(),
              s.intervalMillis(),
              s.enabled(),
              moments.sequences()[2 * i],
              moments.sequences()[2 * i + 1],
              moments.calibrations() == null ? null : moments.calibrations()[i]));
    }
    return new ReactorInfo(
        softwareVersion,
        now,
        moments.clockOffsetMillis(),
        moments.unacknowledgedReadings(),
        moments.bytesOnDisk(),
        moments.describedAtMillis(),
        moments.loops(),
        moments.actuators());
  }
}
