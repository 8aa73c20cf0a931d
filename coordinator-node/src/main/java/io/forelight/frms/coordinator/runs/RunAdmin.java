package io.forelight.frms.coordinator.runs;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Starting and ending runs and annotating them, each with who and when, recorded in the audit trail
 * ({@code run-started}, {@code run-ended}, {@code run-annotated}, target the reactor) once stored.
 * A reactor has at most one run running. Whether the reactor exists is the caller's check.
 */
public final class RunAdmin {

  private static final int MAX_NAME = 120;
  private static final java.time.Duration GHOST_AFTER = java.time.Duration.ofMinutes(1);
  private static final int MAX_TEXT = 2000;
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** A run with its annotations, oldest first. */
  public record RunWithNotes(Run run, List<Annotation> annotations) {}

  private final RunStore runs;
  private final AuditTrail audit;

  public RunAdmin(RunStore runs, AuditTrail audit) {
    this.runs = runs;
    this.audit = audit;
  }

  /** Starts a run on a reactor; 409 if it has one running. */
  public CompletionStage<Run> start(
      Principal by,
      String reactorId,
      String name,
      String description,
      String groupRunId,
      String origin) {
    Instant now = now();
    Run run =
        new Run(
            reactorId
                + "."
                + ID_TIME.format(now)
                + "-"
                + UUID.randomUUID().toString().substring(0, 4),
            reactorId,
            text("name", name, MAX_NAME, true),
            text("description", description, MAX_TEXT, false),
            by.user(),
            now,
            null,
            null,
            groupRunId);
    return startOrRepair(run, true)
        .thenCompose(
            started ->
                audit
                    .record(
                        new AuditEvent.Entry(
                            by.user(),
                            "run-started",
                            "reactor:" + reactorId,
                            null,
                            run.id()
                                + " '"
                                + run.name()
                                + "'"
                                + (groupRunId == null ? "" : " of group run " + groupRunId),
                            run.description().isEmpty() ? "run " + run.name() : run.description(),
                            origin))
                    .thenApply(recorded -> run));
  }

  /**
   * Starts the run; when the reactor is taken by a run that was never written (a coordinator died
   * between the two writes, over a minute ago), frees it once and tries again. A run taken but not
   * written yet (another start a moment ago) is a conflict like a running one.
   */
  private CompletionStage<Run> startOrRepair(Run run, boolean mayRepair) {
    return runs.start(run)
        .thenCompose(
            started -> {
              if (started) {
                return CompletableFuture.completedFuture(run);
              }
              return runs.running(run.reactorId())
                  .thenCompose(
                      holder -> {
                        if (holder.isEmpty()) {
                          if (!mayRepair) {
                            throw new RunProblem(
                                RunProblem.Kind.CONFLICT,
                                "reactor "
                                    + run.reactorId()
                                    + " is starting or ending a run: try again");
                          }
                          return startOrRepair(run, false);
                        }
                        return runs.find(holder.get())
                            .thenCompose(
                                found -> {
                                  if (found.isPresent()
                                      || !mayRepair
                                      || !ghost(holder.get(), now())) {
                                    throw new RunProblem(
                                        RunProblem.Kind.CONFLICT,
                                        "reactor "
                                            + run.reactorId()
                                            + " has run "
                                            + holder.get()
                                            + found
                                                .map(
                                                    r ->
                                                        " ('"
                                                            + r.name()
                                                            + "', since "
                                                            + r.startedAt()
                                                            + ")")
                                                .orElse("")
                                            + " running: end it first");
                                  }
                                  return runs.free(run.reactorId(), holder.get())
                                      .thenCompose(freed -> startOrRepair(run, false));
                                });
                      });
            });
  }

  /**
   * Whether the run a reactor is taken by, whose row cannot be found, was never written: it started
   * over a minute ago (its id says when), so it is not one being written now.
   */
  static boolean ghost(String runId, Instant now) {
    int dot = runId.indexOf('.');
    try {
      Instant started =
          java.time.LocalDateTime.parse(
                  runId.substring(dot + 1, dot + 16),
                  DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
              .toInstant(ZoneOffset.UTC);
      return started.isBefore(now.minus(GHOST_AFTER));
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  /** Ends a running run; 409 if it has ended. */
  public CompletionStage<Run> end(Principal by, String runId, String reason, String origin) {
    return get(runId)
        .thenCompose(
            run -> {
              if (!run.running()) {
                throw new RunProblem(
                    RunProblem.Kind.CONFLICT,
                    "run " + runId + " ended at " + run.endedAt() + " (by " + run.endedBy() + ")");
              }
              Run ended = run.ended(by.user(), now());
              return runs.end(ended)
                  .thenCompose(
                      applied -> {
                        if (!applied) {
                          throw new RunProblem(
                              RunProblem.Kind.CONFLICT, "run " + runId + " was ended just now");
                        }
                        return audit.record(
                            new AuditEvent.Entry(
                                by.user(),
                                "run-ended",
                                "reactor:" + run.reactorId(),
                                "running since " + run.startedAt(),
                                run.id() + " ended",
                                reason,
                                origin));
                      })
                  .thenApply(recorded -> ended);
            });
  }

  /**
   * Adds an annotation at {@code at} (null: now), which must fall within the run; a sample names
   * its sample id.
   */
  public CompletionStage<Annotation> annotate(
      Principal by,
      String runId,
      String kind,
      String text,
      String sampleId,
      Instant at,
      String origin) {
    Annotation.Kind parsed = Annotation.Kind.parse(kind == null ? "note" : kind);
    String body = text("text", text, MAX_TEXT, parsed != Annotation.Kind.SAMPLE);
    if (parsed == Annotation.Kind.SAMPLE && (sampleId == null || sampleId.isBlank())) {
      throw invalid("a sample annotation needs its 'sampleId'");
    }
    Instant when = at == null ? now() : at.truncatedTo(ChronoUnit.MILLIS);
    return get(runId).thenCompose(run -> note(by, run, parsed, body, sampleId, when, origin));
  }

  /** Notes in the run that its setpoint profile was sent to the reactor, as {@code summary}. */
  public CompletionStage<Annotation> profileSent(
      Principal by, Run run, String summary, String origin) {
    return note(by, run, Annotation.Kind.PROFILE, summary, null, now(), origin);
  }

  private CompletionStage<Annotation> note(
      Principal by,
      Run run,
      Annotation.Kind kind,
      String body,
      String sampleId,
      Instant when,
      String origin) {
    if (when.isBefore(run.startedAt()) || (!run.running() && when.isAfter(run.endedAt()))) {
      throw invalid(
          "an annotation of run "
              + run.id()
              + " falls within it ("
              + run.startedAt()
              + " to "
              + (run.running() ? "now" : run.endedAt())
              + "), got "
              + when);
    }
    Annotation a =
        new Annotation(
            run.id(),
            when,
            UUID.randomUUID().toString(),
            kind,
            body,
            sampleId == null ? null : sampleId.strip(),
            by.user());
    return runs.annotate(a)
        .thenCompose(
            done ->
                audit.record(
                    new AuditEvent.Entry(
                        by.user(),
                        "run-annotated",
                        "reactor:" + run.reactorId(),
                        null,
                        run.id()
                            + " "
                            + kind.id()
                            + " at "
                            + when
                            + (a.sampleId() == null ? "" : " sample " + a.sampleId()),
                        body.isEmpty() ? kind.id() : body,
                        origin)))
        .thenApply(recorded -> a);
  }

  public CompletionStage<Run> get(String runId) {
    return runs.find(runId)
        .thenApply(
            found ->
                found.orElseThrow(
                    () -> new RunProblem(RunProblem.Kind.NOT_FOUND, "no run " + runId)));
  }

  public CompletionStage<RunWithNotes> withNotes(String runId) {
    return get(runId)
        .thenCompose(
            run -> runs.annotations(runId).thenApply(notes -> new RunWithNotes(run, notes)));
  }

  public CompletionStage<List<Run>> ofReactor(String reactorId, int limit) {
    return runs.ofReactor(reactorId, limit);
  }

  private static String text(String field, String value, int max, boolean required) {
    String stripped = value == null ? "" : value.strip();
    if ((required && stripped.isEmpty()) || stripped.length() > max) {
      throw invalid(
          "a run's "
              + field
              + " is "
              + (required ? "1" : "0")
              + " to "
              + max
              + " characters, got "
              + stripped.length());
    }
    return stripped;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static RunProblem invalid(String message) {
    return new RunProblem(RunProblem.Kind.INVALID, message);
  }
}
