package io.forelight.frms.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.FlashLogSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stopped reactor node's flash log from its data directory: every reading still on disk
 * (acknowledged or not), decoded from its CBOR payload (a range of readings the sensor could not
 * log, as the BAD reading the coordinator stores for it). Tests keep segments large so nothing is
 * dropped, making this the reactor's whole log.
 */
final class ReactorLogAudit {

  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

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
        for (var event : chunk) {
          JsonNode reading = CBOR.readTree(event.payload());
          double value = reading.path("value").asDouble();
          readings.add(
              reading.has("fromMicros")
                  // a ReadingsLost range: stored as a BAD reading at the time of its first
                  ? new LoggedReading(event.seq(), reading.path("fromMicros").asLong(), null, "BAD")
                  : new LoggedReading(
                      event.seq(),
                      reading.path("takenAtMicros").asLong(),
                      Double.isFinite(value) ? value : null,
                      reading.path("quality").asText()));
          next = event.seq() + 1;
        }
      }
    }
  }
}
