package io.forelight.frms.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Each scenario's result, printed and appended to {@code target/reliability-report.md}: how long
 * the system took to store everything logged once the fault ended, and how many readings the
 * invariant compared.
 */
final class RecoveryReport {

  private static final Path REPORT = Path.of("target/reliability-report.md");

  private RecoveryReport() {}

  static void record(String scenario, Duration recovery, long readingsCompared, String detail) {
    String line =
        String.format(
            "| %s | %.1f s | %,d | %s | %s |%n",
            scenario, recovery.toMillis() / 1000.0, readingsCompared, detail, Instant.now());
    System.out.print("reliability: " + line);
    try {
      if (!Files.exists(REPORT)) {
        Files.createDirectories(REPORT.getParent());
        Files.writeString(
            REPORT,
            "| scenario | caught up after the fault | readings compared | detail | when |\n|---|---:|---:|---|---|\n");
      }
      Files.writeString(REPORT, line, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
