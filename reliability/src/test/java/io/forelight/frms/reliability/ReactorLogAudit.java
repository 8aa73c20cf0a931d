package io.forelight.frms.reliability;

import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.FlashLogSettings;
import io.forelight.frms.reactor.journal.StoredEvent;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import io.forelight.frms.reactor.sensor.Sensor.ReadingsLost;
import io.forelight.frms.reactor.sensor.SensorEventSerializer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stopped reactor node's flash log from its data directory: every reading still on disk
 * (acknowledged or not), decoded by the node's {@link SensorEventSerializer} (a range of readings
 * the sensor could not log, as the BAD reading the coordinator stores for it); an event written by
 * any other serializer fails the audit. Tests keep segments large so nothing is dropped, making
 * this the reactor's whole log.
 */
final class ReactorLogAudit {

  private static final SensorEventSerializer EVENTS = new SensorEventSerializer(null);

  private ReactorLogAudit() {}

  static List<LoggedReading> readings(Path reactorDataDir, String sensorId) throws Exception {
    List<LoggedReading> readings = new ArrayList<>();
    try (FlashLog log =
        FlashLog.open(new FlashLogSettings(reactorDataDir.resolve("readings"), 1L << 30, 16))) {
      long next = 1;
      while (true) {
        var chunk = log.readRetained("Sensor|" + sensorId, next, 10_000);
        if (chunk.isEmpty()) {
          return readings;
        }
        for (StoredEvent event : chunk) {
          readings.add(reading(event));
          next = event.seq() + 1;
        }
      }
    }
  }

  private static LoggedReading reading(StoredEvent event) throws Exception {
    if (event.serializerId() != SensorEventSerializer.ID) {
      throw new AssertionError(
          "event "
              + event.seq()
              + " was written by serializer "
              + event.serializerId()
              + ", not the sensor events' "
              + SensorEventSerializer.ID);
    }
    Object decoded = EVENTS.fromBinary(event.payload(), event.manifest());
    if (decoded instanceof ReadingsLost lost) {
      // stored as a BAD reading at the time of the range's first
      return new LoggedReading(event.seq(), lost.fromMicros(), null, "BAD");
    }
    ReadingTaken reading = (ReadingTaken) decoded;
    return new LoggedReading(
        event.seq(),
        reading.takenAtMicros(),
        Double.isFinite(reading.value()) ? reading.value() : null,
        reading.quality().name());
  }
}
