package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.link.ReactorCommand;
import io.forelight.frms.coordinator.runs.Run;
import io.forelight.frms.coordinator.runs.RunAdmin;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Runs: {@code POST /api/reactors/{id}/runs} {@code {"name", "description", "profile"}} starts one
 * (409 if the reactor has one running); a {@code profile} ({@code {"loopId", "name", "segments"}}
 * as the run-profile command) is queued in the reactor's outbox under key {@code <run id>/profile}
 * once the run has started, and noted in the run; {@code GET /api/reactors/{id}/runs?limit=} lists
 * a reactor's latest; {@code POST /api/groups/{id}/runs} starts one on every member (one group run
 * id; a member with a run running is listed as refused); {@code GET /api/runs/{run}} (with its
 * annotations), {@code POST /api/runs/{run}/end} {@code {"reason"}}, {@code POST
 * /api/runs/{run}/annotations} {@code {"kind": "note|inoculation|sample|feed|harvest", "text",
 * "sampleId", "at"}}.
 */
final class RunRoutes extends AllDirectives {

  record StartRequest(String name, String description, ProfileRequest profile) {}

  /** A run's setpoint profile: a run-profile command without its type. */
  record ProfileRequest(String loopId, String name, List<ReactorCommand.ProfileSegment> segments) {}

  record EndRequest(String reason) {}

  record AnnotationRequest(String kind, String text, String sampleId, Instant at) {}

  record GroupRunView(String groupRunId, List<Run> started, List<Refused> refused) {}

  record Refused(String reactorId, String reason) {}

  private static final int MAX_LIMIT = 200;

  private final RunAdmin runs;
  private final FleetRoutes fleet;
  private final CommandRoutes commands;

  RunRoutes(RunAdmin runs, FleetRoutes fleet, CommandRoutes commands) {
    this.runs = runs;
    this.fleet = fleet;
    this.commands = commands;
  }

  Route routes(Principal who, String origin) {
    return concat(
        path(
            PathMatchers.segment("reactors").slash(PathMatchers.segment()).slash("runs"),
            reactor ->
                concat(
                    post(
                        () ->
                            entity(
                                Jackson.unmarshaller(Json.MAPPER, StartRequest.class),
                                r ->
                                    onSuccess(
                                        fleet
                                            .known(reactor)
                                            .thenCompose(
                                                known -> start(who, reactor, r, null, origin)),
                                        run ->
                                            complete(
                                                StatusCodes.CREATED, run, Json.marshaller())))),
                    get(
                        () ->
                            parameterOptional(
                                "limit",
                                limit ->
                                    onSuccess(
                                        runs.ofReactor(
                                            reactor, Limit.of(limit.orElse("20"), MAX_LIMIT)),
                                        list -> completeOK(list, Json.marshaller())))))),
        path(
            PathMatchers.segment("groups").slash(PathMatchers.segment()).slash("runs"),
            group ->
                post(
                    () ->
                        entity(
                            Jackson.unmarshaller(Json.MAPPER, StartRequest.class),
                            r ->
                                onSuccess(
                                    startForGroup(who, group, r, origin),
                                    view ->
                                        complete(StatusCodes.CREATED, view, Json.marshaller()))))),
        path(
            PathMatchers.segment("runs").slash(PathMatchers.segment()),
            run ->
                get(() -> onSuccess(runs.withNotes(run), v -> completeOK(v, Json.marshaller())))),
        path(
            PathMatchers.segment("runs").slash(PathMatchers.segment()).slash("end"),
            run ->
                post(
                    () ->
                        entity(
                            Jackson.unmarshaller(Json.MAPPER, EndRequest.class),
                            r ->
                                onSuccess(
                                    runs.end(
                                        who,
                                        run,
                                        UserRoutes.reason(r == null ? null : r.reason()),
                                        origin),
                                    ended -> completeOK(ended, Json.marshaller()))))),
        path(
            PathMatchers.segment("runs").slash(PathMatchers.segment()).slash("annotations"),
            run ->
                post(
                    () ->
                        entity(
                            Jackson.unmarshaller(Json.MAPPER, AnnotationRequest.class),
                            r ->
                                onSuccess(
                                    annotate(who, run, r, origin),
                                    note ->
                                        complete(StatusCodes.CREATED, note, Json.marshaller()))))));
  }

  private CompletionStage<Run> start(
      Principal who, String reactor, StartRequest r, String groupRunId, String origin) {
    if (r == null) {
      throw new BadRequest("the body needs a 'name' (and may have a 'description')");
    }
    ReactorCommand.RunProfile profile = r.profile() == null ? null : profile(r);
    return runs.start(who, reactor, r.name(), r.description(), groupRunId, origin)
        .thenCompose(
            run ->
                profile == null
                    ? CompletableFuture.completedFuture(run)
                    : send(who, run, profile, origin));
  }

  /** The run's profile, named after the run unless it has a name, checked before the run starts. */
  private static ReactorCommand.RunProfile profile(StartRequest r) {
    ReactorCommand.RunProfile profile =
        new ReactorCommand.RunProfile(
            r.profile().loopId(), r.profile().name(), r.profile().segments());
    if (profile.name().isEmpty()) {
      String fromRun = r.name() == null ? "" : r.name().strip().replaceAll("[^A-Za-z0-9_-]+", "-");
      fromRun = fromRun.replaceAll("^[-_]+", "");
      profile =
          profile.named(
              fromRun.isEmpty() ? "run" : fromRun.substring(0, Math.min(63, fromRun.length())));
    }
    profile
        .problem()
        .ifPresent(
            problem -> {
              throw new BadRequest("profile: " + problem);
            });
    return profile;
  }

  private CompletionStage<Run> send(
      Principal who, Run run, ReactorCommand.RunProfile profile, String origin) {
    return commands
        .submit(
            run.reactorId(),
            new CommandRoutes.CommandRequest(
                profile,
                run.id() + "/profile",
                "profile of run " + run.id() + " '" + run.name() + "'"),
            who,
            origin)
        .thenCompose(submitted -> runs.profileSent(who, run, profile.summary(), origin))
        .thenApply(noted -> run);
  }

  /** One run per member of the group, under one group run id; members that cannot start say why. */
  private CompletionStage<GroupRunView> startForGroup(
      Principal who, String group, StartRequest r, String origin) {
    String groupRunId = group + "." + UUID.randomUUID().toString().substring(0, 8);
    return fleet
        .membersOf(group)
        .thenCompose(
            members -> {
              if (members.isEmpty()) {
                throw new BadRequest("group '" + group + "' has no reactors to run");
              }
              List<CompletableFuture<Object>> starts =
                  members.stream()
                      .map(
                          m ->
                              start(who, m, r, groupRunId, origin)
                                  .<Object>thenApply(run -> run)
                                  .exceptionally(
                                      error ->
                                          new Refused(
                                              m,
                                              (error.getCause() == null ? error : error.getCause())
                                                  .getMessage()))
                                  .toCompletableFuture())
                      .toList();
              return CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done -> {
                        List<Object> outcomes =
                            starts.stream().map(CompletableFuture::join).toList();
                        return new GroupRunView(
                            groupRunId,
                            outcomes.stream()
                                .filter(Run.class::isInstance)
                                .map(Run.class::cast)
                                .toList(),
                            outcomes.stream()
                                .filter(Refused.class::isInstance)
                                .map(Refused.class::cast)
                                .toList());
                      });
            });
  }

  private CompletionStage<io.forelight.frms.coordinator.runs.Annotation> annotate(
      Principal who, String run, AnnotationRequest r, String origin) {
    if (r == null) {
      throw new BadRequest("the body needs a 'kind' and a 'text' (a sample: its 'sampleId')");
    }
    return runs.annotate(who, run, r.kind(), r.text(), r.sampleId(), r.at(), origin);
  }
}
