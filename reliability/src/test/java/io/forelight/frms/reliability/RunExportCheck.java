package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devstack.CoordinatorApi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A run's export checked against what the coordinator stored: the zip holds its files in order;
 * each sensor's rows are exactly the stored readings of the run's range (same sequence numbers,
 * contiguous: the range is complete) and the summary counts them so.
 */
final class RunExportCheck {

  static final List<String> FILES =
      List.of(
          "README.txt",
          "run.csv",
          "readings.csv",
          "loop-outputs.csv",
          "control-changes.csv",
          "alarms.csv",
          "annotations.csv",
          "summary.csv");

  private RunExportCheck() {}

  /** The export's files by name, after every sensor has stored a reading past the run's end. */
  static Map<String, String> export(
      CoordinatorApi api, String reactor, String run, Instant endedAt, List<String> sensors)
      throws IOException, InterruptedException {
    for (String sensor : sensors) {
      Await.until(
          Duration.ofSeconds(60),
          "a reading of " + sensor + " after the run's end is stored",
          () ->
              StoredReadings.readings(api, reactor, sensor).stream()
                  .anyMatch(r -> r.takenAtMicros() > micros(endedAt)));
    }
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream zip =
        new ZipInputStream(
            new ByteArrayInputStream(api.download("/api/runs/" + run + "/export")))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertEquals(FILES, List.copyOf(files.keySet()), "the export's files, in order");
    return files;
  }

  /**
   * Every sensor's rows in readings.csv are the stored readings of [start, end), contiguous, and
   * summary.csv counts them.
   */
  static void matchesStored(
      CoordinatorApi api,
      String reactor,
      Map<String, String> files,
      Instant startedAt,
      Instant endedAt,
      List<String> sensors) {
    List<String[]> rows = rows(files.get("readings.csv"));
    List<String[]> summary = rows(files.get("summary.csv"));
    for (String sensor : sensors) {
      List<Long> exported =
          rows.stream().filter(r -> r[2].equals(sensor)).map(r -> Long.parseLong(r[3])).toList();
      List<Long> stored =
          StoredReadings.readings(api, reactor, sensor).stream()
              .filter(
                  r ->
                      r.takenAtMicros() >= micros(startedAt) && r.takenAtMicros() < micros(endedAt))
              .map(LoggedReading::seq)
              .toList();
      assertEquals(stored, exported, sensor + ": the stored readings of the run, each once");
      assertTrue(exported.size() >= 5, sensor + " readings in the run: " + exported.size());
      assertEquals(
          exported.size(),
          exported.get(exported.size() - 1) - exported.get(0) + 1,
          sensor + ": complete over the run's range, no gap");
      String[] counted =
          summary.stream().filter(r -> r[0].equals(sensor)).findFirst().orElseThrow();
      assertEquals(
          List.of(
              "readings.csv",
              "" + exported.size(),
              "" + exported.get(0),
              "" + exported.get(exported.size() - 1),
              "0",
              "0",
              "0"),
          Arrays.asList(counted).subList(1, 8),
          sensor + " in summary.csv");
    }
  }

  /** The rows after the header, split at commas (the cells checked here hold none). */
  static List<String[]> rows(String csv) {
    return csv.lines().skip(1).map(line -> line.split(",", -1)).toList();
  }

  private static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
  }
}
