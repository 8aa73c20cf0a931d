package io.forelight.frms.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devstack.CoordinatorApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the coordinator stored, through its HTTP API: raw history and completeness. */
final class StoredReadings {

  private StoredReadings() {}

  /** Every stored point of the sensor in the last day, in time order. */
  static List<LoggedReading> readings(CoordinatorApi api, String reactorId, String sensorId) {
    Instant now = Instant.now();
    String path =
        "/api/reactors/"
            + reactorId
            + "/sensors/"
            + sensorId
            + "/history?from="
            + now.minusSeconds(86_400)
            + "&to="
            + now.plusSeconds(3600);
    JsonNode history;
    try {
      var response = api.raw(path);
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "no history for "
                + reactorId
                + "/"
                + sensorId
                + ": "
                + response.statusCode()
                + " "
                + response.body());
      }
      history = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError("no history for " + reactorId + "/" + sensorId + ": " + e, e);
    }
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
    return completeness(api, reactorId, sensorId, "history");
  }

  /** The completeness of one sensor in the history read model or (source journal) the journal. */
  static JsonNode completeness(
      CoordinatorApi api, String reactorId, String sensorId, String source) {
    for (JsonNode sensor :
        api.get("/api/reactors/" + reactorId + "/completeness?source=" + source)
            .map(c -> c.path("sensors"))
            .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
      if (sensor.path("sensorId").asText().equals(sensorId)) {
        return sensor;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** The audit of a reactor's journal events: each event number once, none missing. */
  static JsonNode journalEvents(CoordinatorApi api, String reactorId) {
    return api.get("/api/reactors/" + reactorId + "/completeness?source=journal")
        .map(c -> c.path("journalEvents"))
        .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
  }
}
