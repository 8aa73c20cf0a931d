package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.access.User;
import io.forelight.frms.coordinator.access.UserAdmin;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Users (admins only, but for one's own password): {@code GET /api/users}, {@code POST /api/users}
 * {@code {"name", "displayName", "roles": ["operator"], "password", "reason"}}, {@code GET|PATCH
 * /api/users/{name}} {@code {"displayName", "roles", "scope", "enabled", "reason"}}, {@code PUT
 * /api/users/{name}/password} {@code {"current", "password", "reason"}}: the user's other sessions
 * end (all of them when an admin sets it). Password hashes are never shown.
 */
final class UserRoutes extends AllDirectives {

  record NewUserRequest(
      String name,
      String displayName,
      List<String> roles,
      String scope,
      String password,
      String reason) {}

  record ChangeRequest(
      String displayName, List<String> roles, String scope, Boolean enabled, String reason) {}

  record PasswordRequest(String current, String password, String reason) {}

  record UserView(
      String name,
      String displayName,
      List<String> roles,
      String scope,
      boolean enabled,
      String createdBy,
      Instant createdAt,
      String changedBy,
      Instant changedAt) {

    static UserView of(User u) {
      return new UserView(
          u.name(),
          u.displayName(),
          u.roles().stream().map(r -> r.id()).sorted().toList(),
          u.scope(),
          u.enabled(),
          u.createdBy(),
          u.createdAt(),
          u.changedBy(),
          u.changedAt());
    }
  }

  private final UserAdmin users;

  UserRoutes(UserAdmin users) {
    this.users = users;
  }

  Route routes(Principal who, String origin) {
    return concat(
        path(
            "users",
            () ->
                concat(
                    get(
                        () ->
                            onSuccess(
                                users.list(),
                                all ->
                                    completeOK(
                                        all.stream().map(UserView::of).toList(),
                                        Json.marshaller()))),
                    post(
                        () ->
                            entity(
                                Jackson.unmarshaller(Json.MAPPER, NewUserRequest.class),
                                r ->
                                    onSuccess(
                                        users.create(
                                            who,
                                            new UserAdmin.NewUser(
                                                r.name(),
                                                r.displayName(),
                                                r.roles(),
                                                r.scope(),
                                                r.password()),
                                            r.reason(),
                                            origin),
                                        made ->
                                            complete(
                                                StatusCodes.CREATED,
                                                UserView.of(made),
                                                Json.marshaller())))))),
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()),
            name ->
                concat(
                    get(
                        () ->
                            onSuccess(
                                users.get(name),
                                u -> completeOK(UserView.of(u), Json.marshaller()))),
                    patch(
                        () ->
                            entity(
                                Jackson.unmarshaller(Json.MAPPER, ChangeRequest.class),
                                r ->
                                    onSuccess(
                                        users.change(
                                            who,
                                            name,
                                            new UserAdmin.Change(
                                                r.displayName(), r.roles(), r.scope(), r.enabled()),
                                            reason(r.reason()),
                                            origin),
                                        u -> completeOK(UserView.of(u), Json.marshaller())))))),
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("password"),
            name ->
                put(
                    () ->
                        extractRequest(
                            request ->
                                entity(
                                    Jackson.unmarshaller(Json.MAPPER, PasswordRequest.class),
                                    r ->
                                        onSuccess(
                                            users.setPassword(
                                                who,
                                                name,
                                                r.current(),
                                                r.password(),
                                                r.reason(),
                                                origin,
                                                who.bySession()
                                                    ? Guard.sessionToken(request)
                                                    : Optional.empty()),
                                            u ->
                                                completeOK(UserView.of(u), Json.marshaller())))))));
  }

  /** A change to someone else's account says why. */
  static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new BadRequest("a change needs a 'reason' (it goes into the audit trail)");
    }
    return reason.strip();
  }
}
