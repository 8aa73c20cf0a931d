package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensor drivers that return garbage, NaN, errors or nothing at all (hang), beside healthy ones on
 * the same reactor: every failure is a BAD reading with its reason, stored like any other; the
 * healthy sensors are not disturbed and nothing is lost.
 */
@ExtendWith(CassandraExtension.class)
class MisbehavingDriversIT {

  private static final String FAULTY_SENSORS =
      String.join(
          "\n",
          "sensors.garbage { kind = ph, driver = simulated, interval = 100ms, fault = garbage, fault-every = 3 }",
          "sensors.nan { kind = ph, driver = simulated, interval = 100ms, fault = nan, fault-every = 4 }",
          "sensors.failing { kind = ph, driver = simulated, interval = 100ms, fault = error, fault-every = 5 }",
          "sensors.hanging { kind = ph, driver = simulated, interval = 100ms, fault = hang, fault-every = 20 }",
          "sampling.driver-timeout = 500ms");

  @Test
  void badDriversGiveBadReadingsWithReasonsAndDisturbNothingElse(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir,
            cassandra.contactPoint(),
            cassandra.keyspace(),
            1,
            "100ms",
            List.of(FAULTY_SENSORS))) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      Thread.sleep(8000);
      Duration recovery = pipeline.awaitStored(api, pipeline.logged(), Duration.ofSeconds(60));

      assertQualities(api, "temperature", 0, 0);
      assertBad(api, "garbage", "unreadable answer from device");
      assertBad(api, "nan", "driver returned NaN");
      assertBad(api, "failing", "simulated device error");
      assertBad(api, "hanging", "no answer from driver within 500 ms");
      assertBad(api, "hanging", "driver not answering for");
      long compared = pipeline.finish(api);
      RecoveryReport.record(
          "drivers returning garbage, NaN, errors, nothing", recovery, compared, "");
    }
  }

  private static void assertBad(CoordinatorApi api, String sensor, String detail) {
    var points = history(api, sensor);
    boolean found = false;
    for (var point : points) {
      if (point.path("quality").asText().equals("BAD")) {
        assertTrue(point.path("value").isNull(), "a BAD reading has no value: " + point);
        found |= point.path("detail").asText().contains(detail);
      }
    }
    assertTrue(found, sensor + " has a BAD reading saying '" + detail + "'");
  }

  private static void assertQualities(CoordinatorApi api, String sensor, int bad, int suspect) {
    var points = history(api, sensor);
    assertTrue(points.size() > 50, sensor + " has readings");
    long badCount = 0;
    for (var point : points) {
      badCount += point.path("quality").asText().equals("BAD") ? 1 : 0;
    }
    assertTrue(badCount == bad, sensor + " stays healthy beside bad sensors: " + badCount + " BAD");
  }

  private static com.fasterxml.jackson.databind.JsonNode history(
      CoordinatorApi api, String sensor) {
    java.time.Instant now = java.time.Instant.now();
    return api.get(
            "/api/reactors/reactor-1/sensors/"
                + sensor
                + "/history?from="
                + now.minusSeconds(3600)
                + "&to="
                + now.plusSeconds(60))
        .orElseThrow()
        .path("points");
  }
}
