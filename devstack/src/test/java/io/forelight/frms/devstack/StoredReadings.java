package io.forelight.frms.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the coordinator stored, through its HTTP API: raw history and completeness. */
final class StoredReadings {

  private StoredReadings() {}

  /** Every stored point of the sensor in the last day, in time order. */
  static List<LoggedReading> readings(CoordinatorApi api, String reactorId, String sensorId) {
    Instant now = Instant.now();
    JsonNode history =
        api.get(
                "/api/reactors/"
                    + reactorId
                    + "/sensors/"
                    + sensorId
                    + "/history?from="
                    + now.minusSeconds(86_400)
                    + "&to="
                    + now.plusSeconds(3600))
            .orElseThrow(() -> new AssertionError("no history for " + reactorId + "/" + sensorId));
    List<LoggedReading> readings = new ArrayList<>();
    for (JsonNode point : history.path("points")) {
      Instant at = Instant.parse(point.path("takenAt").asText());
      readings.add(
          new LoggedReading(
              point.path("seq").asLong(),
              at.getEpochSecond() * 1_000_000L + at.getNano() / 1000,
              point.path("value").isNull() ? null : point.path("value").asDouble(),
              point.path("quality").asText()));
    }
    readings.sort(java.util.Comparator.comparingLong(LoggedReading::seq));
    return readings;
  }

  /** The completeness report of one sensor, if the coordinator has one. */
  static JsonNode completeness(CoordinatorApi api, String reactorId, String sensorId) {
    for (JsonNode sensor :
        api.get("/api/reactors/" + reactorId + "/completeness").orElseThrow().path("sensors")) {
      if (sensor.path("sensorId").asText().equals(sensorId)) {
        return sensor;
      }
    }
    throw new AssertionError("no completeness for " + reactorId + "/" + sensorId);
  }
}
