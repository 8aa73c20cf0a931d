package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.groups.Group;
import io.forelight.frms.coordinator.groups.GroupAdmin;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Groups of reactors: {@code GET /api/groups}, {@code POST /api/groups} {@code {"id", "name",
 * "kind", "members": [...], "reason"}}, {@code GET|PATCH|DELETE /api/groups/{id}} (PATCH {@code
 * {"name", "kind", "reason"}}, DELETE {@code ?reason=}), {@code PUT|DELETE
 * /api/groups/{id}/members/{reactor}?reason=}. Members must be reactors of the fleet; every change
 * needs a reason and lands in the audit trail.
 */
final class GroupRoutes extends AllDirectives {

  record NewGroupRequest(
      String id, String name, String kind, List<String> members, String reason) {}

  record ChangeRequest(String name, String kind, String reason) {}

  record GroupView(
      String id,
      String name,
      String kind,
      List<String> members,
      String createdBy,
      Instant createdAt,
      String changedBy,
      Instant changedAt) {

    static GroupView of(Group g) {
      return new GroupView(
          g.id(),
          g.name(),
          g.kind().id(),
          List.copyOf(g.members()),
          g.createdBy(),
          g.createdAt(),
          g.changedBy(),
          g.changedAt());
    }
  }

  private final GroupAdmin groups;
  private final FleetRoutes fleet;

  GroupRoutes(GroupAdmin groups, FleetRoutes fleet) {
    this.groups = groups;
    this.fleet = fleet;
  }

  Route routes(Principal who, String origin) {
    return concat(
        path(
            "groups",
            () ->
                concat(
                    get(
                        () ->
                            onSuccess(
                                groups.list(),
                                all ->
                                    completeOK(
                                        all.stream().map(GroupView::of).toList(),
                                        Json.marshaller()))),
                    post(
                        () ->
                            entity(
                                Jackson.unmarshaller(Json.MAPPER, NewGroupRequest.class),
                                r ->
                                    onSuccess(
                                        create(who, r, origin),
                                        made ->
                                            complete(
                                                StatusCodes.CREATED,
                                                GroupView.of(made),
                                                Json.marshaller())))))),
        path(
            PathMatchers.segment("groups").slash(PathMatchers.segment()),
            id ->
                concat(
                    get(() -> view(groups.get(id))),
                    patch(
                        () ->
                            entity(
                                Jackson.unmarshaller(Json.MAPPER, ChangeRequest.class),
                                r ->
                                    view(
                                        groups.change(
                                            who,
                                            id,
                                            r.name(),
                                            r.kind(),
                                            UserRoutes.reason(r.reason()),
                                            origin)))),
                    delete(
                        () ->
                            parameterOptional(
                                "reason",
                                reason ->
                                    view(
                                        groups.delete(
                                            who,
                                            id,
                                            UserRoutes.reason(reason.orElse(null)),
                                            origin)))))),
        path(
            PathMatchers.segment("groups")
                .slash(PathMatchers.segment())
                .slash("members")
                .slash(PathMatchers.segment()),
            (id, reactor) ->
                parameterOptional(
                    "reason",
                    reason ->
                        concat(
                            put(
                                () ->
                                    view(
                                        fleet
                                            .known(reactor)
                                            .thenCompose(
                                                known ->
                                                    groups.member(
                                                        who,
                                                        id,
                                                        reactor,
                                                        true,
                                                        UserRoutes.reason(reason.orElse(null)),
                                                        origin)))),
                            delete(
                                () ->
                                    view(
                                        groups.member(
                                            who,
                                            id,
                                            reactor,
                                            false,
                                            UserRoutes.reason(reason.orElse(null)),
                                            origin)))))));
  }

  private Route view(CompletionStage<Group> group) {
    return onSuccess(group, g -> completeOK(GroupView.of(g), Json.marshaller()));
  }

  /** Creates a group once every member named is a reactor of the fleet. */
  private CompletionStage<Group> create(Principal who, NewGroupRequest r, String origin) {
    if (r == null) {
      throw new BadRequest("the body needs id, name and kind (site, room, line, project or tag)");
    }
    String reason = UserRoutes.reason(r.reason());
    List<String> members = r.members() == null ? List.of() : r.members();
    return CompletableFuture.allOf(
            members.stream()
                .map(m -> fleet.known(m).toCompletableFuture())
                .toArray(CompletableFuture[]::new))
        .thenCompose(
            known ->
                groups.create(
                    who,
                    new GroupAdmin.NewGroup(r.id(), r.name(), r.kind(), members),
                    reason,
                    origin));
  }
}
