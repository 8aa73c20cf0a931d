package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Logins;
import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.access.User;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.model.headers.SameSite;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /api/session} logs in ({@code {"name": "...", "password": "..."}}): the session's
 * token comes back in the cookie {@code __Host-frms-session} (Secure, HttpOnly, SameSite=Strict,
 * Path=/), its CSRF token in the body. {@code GET /api/session}: who is logged in, with role and
 * CSRF token. {@code DELETE /api/session} logs out (the session is deleted on every node).
 */
final class SessionRoutes extends AllDirectives {

  record Credentials(String name, String password) {}

  record SessionView(
      String user,
      String displayName,
      String role,
      List<String> roles,
      String via,
      String csrfToken,
      Instant expiresAt) {}

  private final Logins logins;

  SessionRoutes(Logins logins) {
    this.logins = logins;
  }

  /** Logging in: the one route open to anyone. */
  Route open() {
    return path(
        "session",
        () ->
            post(
                () ->
                    extractRequest(
                        request ->
                            entity(
                                Jackson.unmarshaller(Json.MAPPER, Credentials.class),
                                credentials ->
                                    onSuccess(
                                        logins.login(
                                            credentials.name(),
                                            credentials.password(),
                                            Guard.address(request),
                                            Guard.sessionToken(request)),
                                        in ->
                                            setCookie(
                                                cookie(in.session().token()),
                                                () ->
                                                    complete(
                                                        StatusCodes.CREATED,
                                                        view(
                                                            in.user(),
                                                            "session",
                                                            in.session().session().csrfToken(),
                                                            in.session().session().expiresAt()),
                                                        Json.marshaller())))))));
  }

  Route routes(Principal who) {
    return path(
        "session",
        () ->
            concat(
                get(() -> completeOK(view(who), Json.marshaller())),
                delete(
                    () ->
                        extractRequest(
                            request ->
                                onSuccess(
                                    logins.logout(
                                        who,
                                        Guard.sessionToken(request).orElse(""),
                                        Guard.address(request)),
                                    done ->
                                        deleteCookie(
                                            cookie(""),
                                            () -> complete(StatusCodes.NO_CONTENT)))))));
  }

  private static HttpCookie cookie(String token) {
    return HttpCookie.create(Guard.SESSION_COOKIE, token)
        .withSecure(true)
        .withHttpOnly(true)
        .withPath("/")
        .withSameSite(SameSite.Strict);
  }

  private static SessionView view(User user, String via, String csrf, Instant expiresAt) {
    return new SessionView(
        user.name(),
        user.displayName(),
        user.role().id(),
        user.roles().stream().map(r -> r.id()).sorted().toList(),
        via,
        csrf,
        expiresAt);
  }

  private static SessionView view(Principal who) {
    return new SessionView(
        who.user(),
        who.displayName(),
        who.role().id(),
        List.of(who.role().id()),
        who.via(),
        who.csrfToken(),
        null);
  }
}
