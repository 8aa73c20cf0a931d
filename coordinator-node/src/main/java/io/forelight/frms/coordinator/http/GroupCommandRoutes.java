package io.forelight.frms.coordinator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.groups.GroupCommand;
import io.forelight.frms.coordinator.groups.GroupCommandStore;
import io.forelight.frms.coordinator.link.ReactorCommand;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Commands to a whole group. {@code POST /api/groups/{id}/commands} {@code {"command": {...},
 * "key": "optional", "reason": "..."}} queues the command in every member's outbox under one group
 * command id (the key, or one made up), which is also its idempotency key in each outbox: posting
 * the same id again sends nothing twice and completes a fan-out a member's coordinator could not
 * take the first time. {@code GET /api/groups/{id}/commands/{command}}: every member's outcome
 * ({@link GroupCommandStatus}); {@code GET /api/groups/{id}/commands?limit=}: the latest ones.
 */
final class GroupCommandRoutes extends AllDirectives {

  record GroupCommandRequest(ReactorCommand command, String key, String reason) {}

  record GroupCommandView(
      String id,
      String groupId,
      JsonNode command,
      String issuedBy,
      String reason,
      Instant issuedAt,
      boolean complete,
      java.util.Map<String, Long> counts,
      List<GroupCommandStatus.Outcome> outcomes) {}

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final int MAX_LIMIT = 50;

  private final FleetRoutes fleet;
  private final CommandRoutes commands;
  private final GroupCommandStore store;
  private final AuditTrail audit;

  GroupCommandRoutes(
      FleetRoutes fleet, CommandRoutes commands, GroupCommandStore store, AuditTrail audit) {
    this.fleet = fleet;
    this.commands = commands;
    this.store = store;
    this.audit = audit;
  }

  Route routes(Principal who, String origin) {
    return concat(
        path(
            PathMatchers.segment("groups").slash(PathMatchers.segment()).slash("commands"),
            group ->
                concat(
                    post(
                        () ->
                            entity(
                                Jackson.unmarshaller(Json.MAPPER, GroupCommandRequest.class),
                                request ->
                                    onSuccess(
                                        submit(group, request, who, origin),
                                        submitted ->
                                            complete(
                                                submitted.added()
                                                    ? StatusCodes.ACCEPTED
                                                    : StatusCodes.OK,
                                                submitted.view(),
                                                Json.marshaller())))),
                    get(
                        () ->
                            parameterOptional(
                                "limit",
                                limit ->
                                    onSuccess(
                                        latest(group, Limit.of(limit.orElse("10"), MAX_LIMIT)),
                                        views -> completeOK(views, Json.marshaller())))))),
        path(
            PathMatchers.segment("groups")
                .slash(PathMatchers.segment())
                .slash("commands")
                .slash(PathMatchers.segment()),
            (group, id) ->
                get(
                    () ->
                        onSuccess(
                            find(group, id).thenCompose(this::view),
                            view -> completeOK(view, Json.marshaller())))));
  }

  private record Submitted(GroupCommandView view, boolean added) {}

  private CompletionStage<Submitted> submit(
      String group, GroupCommandRequest request, Principal who, String origin) {
    if (request == null || request.command() == null) {
      throw new BadRequest("the body needs a 'command' with a 'type'");
    }
    request
        .command()
        .problem()
        .ifPresent(
            problem -> {
              throw new BadRequest(problem);
            });
    String reason = UserRoutes.reason(request.reason());
    if (request.key() != null && !KEY.matcher(request.key()).matches()) {
      throw new BadRequest(
          "a key is 1 to 100 letters, digits, '.', '_', ':' or '-'; got '" + request.key() + "'");
    }
    String id = request.key() == null ? "gc-" + UUID.randomUUID() : request.key();
    return fleet
        .membersOf(group)
        .thenCompose(
            members -> {
              if (members.isEmpty()) {
                throw new BadRequest("group '" + group + "' has no reactors to command");
              }
              return store.add(
                  new GroupCommand(
                      id,
                      group,
                      members,
                      text(request.command()),
                      who.user(),
                      reason,
                      Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
            })
        .thenCompose(
            stored -> {
              GroupCommand command = stored.command();
              if (!command.groupId().equals(group)) {
                throw new Conflict(
                    "group command " + id + " was sent to group '" + command.groupId() + "'");
              }
              CompletionStage<?> recorded =
                  stored.added()
                      ? audit.record(
                          new AuditEvent.Entry(
                              who.user(),
                              "group-command-submitted",
                              "group:" + group,
                              null,
                              command.command()
                                  + " id "
                                  + id
                                  + " to "
                                  + String.join(", ", command.members()),
                              reason,
                              origin))
                      : CompletableFuture.completedFuture(null);
              return recorded
                  .thenCompose(done -> fanOut(command, who, origin))
                  .thenCompose(done -> view(command))
                  .thenApply(view -> new Submitted(view, stored.added()));
            });
  }

  /**
   * Queues the command in each member's outbox (already queued ones answer "already known"); a
   * member whose coordinator cannot take it now shows as not submitted.
   */
  private CompletionStage<Void> fanOut(GroupCommand command, Principal who, String origin) {
    ReactorCommand reactorCommand = parse(command.command());
    return CompletableFuture.allOf(
        command.members().stream()
            .map(
                member ->
                    commands
                        .submit(
                            member,
                            new CommandRoutes.CommandRequest(
                                reactorCommand,
                                command.id(),
                                command.reason() + " (group command " + command.id() + ")"),
                            who,
                            origin)
                        .handle((submitted, error) -> null)
                        .toCompletableFuture())
            .toArray(CompletableFuture[]::new));
  }

  private CompletionStage<GroupCommand> find(String group, String id) {
    return store
        .find(id)
        .thenApply(
            found ->
                found
                    .filter(c -> c.groupId().equals(group))
                    .orElseThrow(
                        () ->
                            new NotFound("no group command " + id + " for group '" + group + "'")));
  }

  private CompletionStage<List<GroupCommandView>> latest(String group, int limit) {
    return store
        .latest(group, limit)
        .thenCompose(
            ids -> {
              List<CompletableFuture<GroupCommandView>> views =
                  ids.stream()
                      .map(id -> find(group, id).thenCompose(this::view).toCompletableFuture())
                      .toList();
              return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                  .thenApply(done -> views.stream().map(CompletableFuture::join).toList());
            });
  }

  private CompletionStage<GroupCommandView> view(GroupCommand command) {
    return GroupCommandStatus.of(command, commands::state)
        .thenApply(
            status ->
                new GroupCommandView(
                    command.id(),
                    command.groupId(),
                    tree(command.command()),
                    command.issuedBy(),
                    command.reason(),
                    command.issuedAt(),
                    status.complete(),
                    status.counts(),
                    status.outcomes()));
  }

  /** The command as JSON with its type (the way it reads back). */
  private static String text(ReactorCommand command) {
    try {
      return Json.MAPPER.writerFor(ReactorCommand.class).writeValueAsString(command);
    } catch (JsonProcessingException e) {
      throw new BadRequest("the command cannot be written as JSON: " + e.getOriginalMessage());
    }
  }

  private static ReactorCommand parse(String json) {
    try {
      return Json.MAPPER.readValue(json, ReactorCommand.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored group command does not read back: " + json, e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored group command does not read back: " + json, e);
    }
  }
}
