package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.CborSerializable;
import java.util.List;

/**
 * What a reactor said of itself when last described: software version, sensors, its clock's offset
 * from the coordinator's (ms, positive when the reactor is ahead), and its local log.
 */
public record ReactorInfo(
    String softwareVersion,
    List<SensorInfo> sensors,
    long clockOffsetMillis,
    long unacknowledgedReadings,
    long bytesOnDisk,
    long describedAtMillis)
    implements CborSerializable {

  public ReactorInfo {
    sensors = List.copyOf(sensors);
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
      long acknowledgedSeq)
      implements CborSerializable {

    SensorInfo shape() {
      return new SensorInfo(sensorId, kind, unit, driver, intervalMillis, enabled, 0, 0);
    }
  }

  /** True when version or sensors differ (sequence numbers, clock and log figures aside). */
  public boolean changedFrom(ReactorInfo other) {
    return other == null
        || !softwareVersion.equals(other.softwareVersion)
        || !sensors.stream()
            .map(SensorInfo::shape)
            .toList()
            .equals(other.sensors.stream().map(SensorInfo::shape).toList());
  }
}
