package io.forelight.frms.coordinator.reports;

import io.forelight.frms.coordinator.alarms.Occurrence;
import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.history.ReadingsCsv;
import io.forelight.frms.coordinator.runs.Annotation;
import io.forelight.frms.coordinator.runs.Run;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A run as a zip of CSV files, streamed: the run, every stored reading of the reactor's sensors in
 * the run's time range (raw, never downsampled; loop outputs and setpoints apart), the control
 * changes people made (from the audit trail), the alarms raised or open during it, its annotations,
 * and a summary counting what was written of each sensor. Readings are read page by page as the
 * client downloads, so memory stays bounded whatever the run's length.
 */
public final class RunExport {

  /** What a run's export is made of; the sources are read only when the download gets to them. */
  public record Parts(
      Run run,
      List<Annotation> annotations,
      List<Occurrence> alarms,
      Source<AuditEvent, NotUsed> controlChanges,
      HistoryStore store,
      Source<String, NotUsed> storedSensors,
      Set<String> loopSensors,
      Instant now) {}

  static final String README =
      """
      FRMS run export
      run.csv             the run: id, reactor, name, description, who started and ended it, when
      readings.csv        every stored reading of the reactor's sensors within the run (raw)
      loop-outputs.csv    the readings its control loops recorded (outputs, setpoints, terms)
      control-changes.csv commands people sent to the reactor during the run, newest first
                          (setpoints, profiles, modes, outputs, gains, sensors, calibrations)
      alarms.csv          alarms raised during the run or open while it ran
      annotations.csv     notes, inoculation, samples, feeds, harvest, profile sent
      summary.csv         per sensor: rows written, first and last sequence number, numbers
                          missing between them (gaps), repeated, or starting over (new log)
      Times are ISO-8601 UTC. A run still running is exported up to the moment of the download.
      """;

  private RunExport() {}

  public static String fileName(Run run) {
    return "frms-run-" + run.id().replaceAll("[^A-Za-z0-9_.-]", "-") + ".zip";
  }

  public static Source<ByteString, NotUsed> of(Parts parts) {
    return Source.lazySource(() -> entries(parts, new RangeTally()))
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  private static Source<ByteString, NotUsed> entries(Parts parts, RangeTally tally) {
    Run run = parts.run();
    Instant end = run.running() ? parts.now() : run.endedAt();
    long from = micros(run.startedAt());
    long to = micros(end);
    List<Pair<String, Source<ByteString, NotUsed>>> files =
        List.of(
            text("README.txt", Source.single(README)),
            text("run.csv", Source.single(runCsv(run))),
            file(
                "readings.csv",
                ReadingsCsv.of(
                    parts.store(),
                    List.of(run.reactorId()),
                    reactor -> parts.storedSensors().filter(s -> !parts.loopSensors().contains(s)),
                    from,
                    to,
                    tally.into("readings.csv"))),
            file(
                "loop-outputs.csv",
                ReadingsCsv.of(
                    parts.store(),
                    List.of(run.reactorId()),
                    reactor -> Source.from(parts.loopSensors().stream().sorted().toList()),
                    from,
                    to,
                    tally.into("loop-outputs.csv"))),
            text(
                "control-changes.csv",
                Source.single("time,user,action,before,change,reason\n")
                    .concat(
                        parts
                            .controlChanges()
                            .filter(e -> e.action().startsWith("command-"))
                            .map(RunExport::changeRow))),
            text(
                "alarms.csv",
                Source.single(ALARMS_HEADER)
                    .concat(
                        Source.from(
                            parts.alarms().stream()
                                .filter(a -> during(a, run.startedAt(), end))
                                .map(RunExport::alarmRow)
                                .toList()))),
            text(
                "annotations.csv",
                Source.single("time,kind,text,sample_id,by\n")
                    .concat(
                        Source.from(
                            parts.annotations().stream().map(RunExport::noteRow).toList()))),
            text("summary.csv", Source.lazySingle(tally::csv)));
    return ZipStream.of(Source.from(files));
  }

  private static Pair<String, Source<ByteString, NotUsed>> file(
      String name, Source<ByteString, NotUsed> bytes) {
    return Pair.create(name, bytes);
  }

  /** A file of text, written as it is read. */
  private static Pair<String, Source<ByteString, NotUsed>> text(
      String name, Source<String, NotUsed> lines) {
    return file(name, lines.map(ByteString::fromString));
  }

  private static final String ALARMS_HEADER =
      "id,rule,sensor,severity,status,raised_at,raised_value,cleared_at,cleared_value,acked_by,"
          + "acked_at,comment,detail\n";

  static boolean during(Occurrence a, Instant start, Instant end) {
    return a.raisedAt().isBefore(end) && (a.clearedAt() == null || !a.clearedAt().isBefore(start));
  }

  private static String runCsv(Run r) {
    return "id,reactor,name,description,started_by,started_at,ended_by,ended_at,group_run\n"
        + row(
            r.id(),
            r.reactorId(),
            r.name(),
            r.description(),
            r.startedBy(),
            r.startedAt(),
            r.endedBy(),
            r.endedAt(),
            r.groupRunId());
  }

  private static String changeRow(AuditEvent e) {
    return row(e.at(), e.actor(), e.action(), e.oldValue(), e.newValue(), e.reason());
  }

  private static String alarmRow(Occurrence a) {
    return row(
        a.id(),
        a.ruleId(),
        a.sensorId(),
        a.severity(),
        a.status(),
        a.raisedAt(),
        a.raisedValue(),
        a.clearedAt(),
        a.clearedValue(),
        a.ackedBy(),
        a.ackedAt(),
        a.ackComment(),
        a.detail());
  }

  private static String noteRow(Annotation a) {
    return row(a.at(), a.kind().id(), a.text(), a.sampleId(), a.by());
  }

  /** One CSV row; nulls are empty cells, text is quoted and defused as readings' cells are. */
  static String row(Object... cells) {
    return Stream.of(cells)
            .map(c -> c == null ? "" : ReadingsCsv.cell(c.toString()))
            .collect(Collectors.joining(","))
        + "\n";
  }

  private static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
  }
}
