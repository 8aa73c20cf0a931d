package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.alarms.AlarmStore;
import io.forelight.frms.coordinator.audit.AuditReader;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.link.ReactorInfo;
import io.forelight.frms.coordinator.reports.RunExport;
import io.forelight.frms.coordinator.runs.RunAdmin;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/runs/{run}/export}: the run as a zip of CSV files ({@link RunExport}), streamed
 * from Cassandra as the client downloads it. Who may read the reactor may export its runs.
 */
final class RunExportRoutes extends AllDirectives {

  /** Alarms of the reactor looked through for those of the run, the newest first. */
  private static final int MAX_ALARMS = 1000;

  private final RunAdmin runs;
  private final FleetRoutes fleet;
  private final CommandRoutes commands;
  private final HistoryStore store;
  private final AuditReader audit;
  private final AlarmStore alarms;

  RunExportRoutes(
      RunAdmin runs,
      FleetRoutes fleet,
      CommandRoutes commands,
      HistoryStore store,
      AuditReader audit,
      AlarmStore alarms) {
    this.runs = runs;
    this.fleet = fleet;
    this.commands = commands;
    this.store = store;
    this.audit = audit;
    this.alarms = alarms;
  }

  Route routes() {
    return path(
        PathMatchers.segment("runs").slash(PathMatchers.segment()).slash("export"),
        run -> get(() -> onSuccess(parts(run), this::download)));
  }

  private Route download(RunExport.Parts parts) {
    return respondWithHeader(
        RawHeader.create(
            "Content-Disposition",
            "attachment; filename=\"" + RunExport.fileName(parts.run()) + "\""),
        () ->
            complete(
                HttpResponse.create()
                    .withEntity(
                        HttpEntities.create(
                            ContentTypes.APPLICATION_OCTET_STREAM, RunExport.of(parts)))));
  }

  private CompletionStage<RunExport.Parts> parts(String runId) {
    Instant now = Instant.now();
    return runs.withNotes(runId)
        .thenCompose(
            found ->
                fleet
                    .readable(found.run().reactorId())
                    .thenCompose(ok -> loopSensors(found.run().reactorId()))
                    .thenCombine(
                        alarms.ofReactor(found.run().reactorId(), MAX_ALARMS),
                        (loopSensors, reactorAlarms) -> {
                          String reactor = found.run().reactorId();
                          Instant end = found.run().running() ? now : found.run().endedAt();
                          return new RunExport.Parts(
                              found.run(),
                              found.annotations(),
                              reactorAlarms,
                              audit.newestFirst(
                                  new AuditReader.Filter(
                                      reactor, null, found.run().startedAt(), end, null)),
                              store,
                              fleet.storedSensors(reactor),
                              loopSensors,
                              now);
                        }));
  }

  /** The reactor's sensors its loops record, as it last described them (none if it never did). */
  private CompletionStage<Set<String>> loopSensors(String reactorId) {
    return commands
        .state(reactorId)
        .thenApply(
            state -> {
              ReactorInfo info = state.info();
              return info == null
                  ? Set.of()
                  : info.sensors().stream()
                      .filter(s -> s.driver().equals("loop"))
                      .map(ReactorInfo.SensorInfo::sensorId)
                      .collect(Collectors.toUnmodifiableSet());
            });
  }
}
