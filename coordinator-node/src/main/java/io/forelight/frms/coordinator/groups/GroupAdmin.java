package io.forelight.frms.coordinator.groups;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Creating, renaming and deleting groups and changing their members: each a command with who asked
 * and why, recorded in the audit trail once it is stored. Members are reactor ids; whether a
 * reactor exists is the caller's check (the fleet knows).
 */
public final class GroupAdmin {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int MAX_NAME = 120;

  /** A new group as asked for; {@code members} may be empty. */
  public record NewGroup(String id, String name, String kind, List<String> members) {}

  private final GroupStore groups;
  private final AuditTrail audit;

  public GroupAdmin(GroupStore groups, AuditTrail audit) {
    this.groups = groups;
    this.audit = audit;
  }

  public CompletionStage<List<Group>> list() {
    return groups.all();
  }

  /** Whether a group of this id exists. */
  public CompletionStage<Boolean> exists(String id) {
    return groups.find(id).thenApply(java.util.Optional::isPresent);
  }

  public CompletionStage<Group> get(String id) {
    return groups.find(id).thenApply(found -> found.orElseThrow(() -> notFound(id)));
  }

  public CompletionStage<Group> create(
      Principal by, NewGroup request, String reason, String origin) {
    if (request == null) {
      throw invalid("the body needs id, name and kind (site, room, line, project or tag)");
    }
    if (request.id() == null || !ID.matcher(request.id()).matches()) {
      throw invalid(
          "a group id is 1 to 64 characters: lower-case letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit; got '"
              + request.id()
              + "'");
    }
    Instant now = now();
    Group group =
        new Group(
            request.id(),
            name(request.name()),
            Group.Kind.parse(request.kind()),
            request.members() == null ? Set.of() : Set.copyOf(request.members()),
            by.user(),
            now,
            by.user(),
            now);
    return groups
        .create(group)
        .thenCompose(
            made -> {
              if (!made) {
                throw new GroupProblem(
                    GroupProblem.Kind.CONFLICT, "a group '" + group.id() + "' exists already");
              }
              return record(by, "group-created", group.id(), null, describe(group), reason, origin)
                  .thenApply(recorded -> group);
            });
  }

  /** Renames a group or changes its kind (null: as it is). */
  public CompletionStage<Group> change(
      Principal by, String id, String newName, String newKind, String reason, String origin) {
    if (newName == null && newKind == null) {
      throw invalid("the body needs name or kind");
    }
    return get(id)
        .thenCompose(
            before -> {
              Group after =
                  new Group(
                      id,
                      newName == null ? before.name() : name(newName),
                      newKind == null ? before.kind() : Group.Kind.parse(newKind),
                      before.members(),
                      before.createdBy(),
                      before.createdAt(),
                      by.user(),
                      now());
              return groups
                  .rename(after)
                  .thenCompose(
                      done ->
                          stored(done, id)
                              .thenCompose(
                                  ok ->
                                      record(
                                          by,
                                          "group-changed",
                                          id,
                                          describe(before),
                                          describe(after),
                                          reason,
                                          origin))
                              .thenApply(recorded -> after));
            });
  }

  /** Adds ({@code add}) or removes reactor {@code reactorId} as a member of group {@code id}. */
  public CompletionStage<Group> member(
      Principal by, String id, String reactorId, boolean add, String reason, String origin) {
    return get(id)
        .thenCompose(
            before -> {
              Set<String> members = new java.util.TreeSet<>(before.members());
              if (add) {
                members.add(reactorId);
              } else if (!members.remove(reactorId)) {
                throw new GroupProblem(
                    GroupProblem.Kind.NOT_FOUND,
                    "reactor " + reactorId + " is not a member of group '" + id + "'");
              }
              Group after = before.withMembers(members, by.user(), now());
              return groups
                  .member(after, reactorId, add)
                  .thenCompose(done -> stored(done, id))
                  .thenCompose(
                      ok ->
                          record(
                              by,
                              add ? "group-member-added" : "group-member-removed",
                              id,
                              add ? null : reactorId,
                              add ? reactorId : null,
                              reason,
                              origin))
                  .thenCompose(recorded -> get(id));
            });
  }

  public CompletionStage<Group> delete(Principal by, String id, String reason, String origin) {
    return get(id)
        .thenCompose(
            before ->
                groups
                    .delete(id)
                    .thenCompose(done -> stored(done, id))
                    .thenCompose(
                        ok ->
                            record(by, "group-deleted", id, describe(before), null, reason, origin))
                    .thenApply(recorded -> before));
  }

  private static CompletionStage<Boolean> stored(boolean applied, String id) {
    if (!applied) {
      throw notFound(id);
    }
    return java.util.concurrent.CompletableFuture.completedFuture(true);
  }

  private CompletionStage<AuditEvent> record(
      Principal by,
      String action,
      String id,
      String before,
      String after,
      String reason,
      String origin) {
    return audit.record(
        new AuditEvent.Entry(by.user(), action, "group:" + id, before, after, reason, origin));
  }

  static String describe(Group g) {
    return g.kind().id() + " '" + g.name() + "' members " + g.members();
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
      throw invalid("a group's name is 1 to " + MAX_NAME + " characters, got '" + name + "'");
    }
    return name.strip();
  }

  /** Now, as Cassandra keeps it (milliseconds), so what a change returns equals what is read. */
  private static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  private static GroupProblem invalid(String message) {
    return new GroupProblem(GroupProblem.Kind.INVALID, message);
  }

  private static GroupProblem notFound(String id) {
    return new GroupProblem(GroupProblem.Kind.NOT_FOUND, "no group '" + id + "'");
  }
}
