package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.link.ControlInfo.ActuatorInfo;
import io.forelight.frms.coordinator.link.ControlInfo.LoopInfo;
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
}
