package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Authenticator;
import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.access.Secrets;
import io.forelight.frms.coordinator.alarms.Occurrence;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Stands before every route: finds the route's entry in the {@link RouteTable} (404 or 405 if
 * none), who is asking (an {@code Authorization: Bearer} token, else the session cookie; 401 if
 * neither holds), whether a browser session's change comes from this site with its CSRF token (403
 * if not) and whether their role covers the route (403 if not); a user whose role is scoped to a
 * group changes only that group's reactors (403 for the others; reading stays open). Only then does
 * the route run, told who is asking.
 */
final class Guard extends AllDirectives {

  static final String SESSION_COOKIE = "__Host-frms-session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  /** Which reactors are in which group. */
  interface Scope {
    /** Whether reactor {@code reactorId} is in group {@code group}. */
    CompletionStage<Boolean> holds(String group, String reactorId);

    /** The reactors of a group (fails if there is no such group). */
    CompletionStage<List<String>> members(String group);
  }

  private static final String REACTOR_ROUTES = "/api/reactors/{id}";

  /** Changes to every reactor of a group. */
  private static final Set<String> GROUP_CHANGES =
      Set.of("/api/groups/{id}/commands", "/api/groups/{id}/runs");

  /** Changes to an alarm or a run, whose id starts with its reactor's (reactor ids hold no '.'). */
  private static final Set<String> NAMING_THEIR_REACTOR =
      Set.of("/api/alarms/{id}/ack", "/api/runs/{run}/end", "/api/runs/{run}/annotations");

  private final Authenticator authenticator;
  private final Scope scope;

  Guard(Authenticator authenticator, Scope scope) {
    this.authenticator = authenticator;
    this.scope = scope;
  }

  /** {@code open}: the routes anyone may call (logging in); {@code inner}: all the others. */
  Route routes(Route open, Function<Principal, Route> inner) {
    return extractRequest(
        request -> {
          String method = request.method().value();
          String path = request.getUri().path();
          Optional<RouteTable.Entry> entry = RouteTable.find(method, path);
          if (entry.isEmpty()) {
            return RouteTable.knows(path)
                ? ApiErrors.error(
                    StatusCodes.METHOD_NOT_ALLOWED, method + " is not a method of " + path)
                : ApiErrors.error(StatusCodes.NOT_FOUND, "no route " + method + " " + path);
          }
          if (entry.get().role() == null) {
            return fromThisSite(request) ? open : crossSite();
          }
          return onSuccess(
              who(request),
              principal -> {
                if (principal.isEmpty()) {
                  return respondWithHeader(
                      RawHeader.create("WWW-Authenticate", "Bearer realm=\"frms\""),
                      () ->
                          ApiErrors.error(
                              StatusCodes.UNAUTHORIZED,
                              "log in first (POST /api/session) or send 'Authorization: Bearer"
                                  + " <token>'; a session or token that expired or was revoked"
                                  + " no longer counts"));
                }
                Principal p = principal.get();
                if (p.bySession() && !SAFE_METHODS.contains(method)) {
                  if (!fromThisSite(request) || !hasOrigin(request)) {
                    return crossSite();
                  }
                  if (!Secrets.same(
                      request.getHeader(CSRF_HEADER).map(h -> h.value()).orElse(null),
                      p.csrfToken())) {
                    return ApiErrors.error(
                        StatusCodes.FORBIDDEN,
                        "a change made with a session needs its "
                            + CSRF_HEADER
                            + " header (csrfToken from POST or GET /api/session)");
                  }
                }
                if (!p.role().covers(entry.get().role())) {
                  return ApiErrors.error(
                      StatusCodes.FORBIDDEN,
                      method
                          + " "
                          + entry.get().template()
                          + " needs the role "
                          + entry.get().role().id()
                          + "; '"
                          + p.user()
                          + "' is "
                          + p.role().id());
                }
                if (!p.scope().isEmpty() && !SAFE_METHODS.contains(method)) {
                  return scoped(p, entry.get().template(), path, inner);
                }
                return inner.apply(p);
              });
        });
  }

  /**
   * A change by a user scoped to a group: to a reactor of that group (or an alarm or run of one),
   * or a command or runs for a group all of whose reactors are in it (403 naming those outside);
   * other changes are the role's.
   */
  private Route scoped(
      Principal p, String template, String path, Function<Principal, Route> inner) {
    String id = path.split("/")[3];
    CompletionStage<List<String>> reactors;
    if (template.startsWith(REACTOR_ROUTES)) {
      reactors = CompletableFuture.completedFuture(List.of(id));
    } else if (NAMING_THEIR_REACTOR.contains(template)) {
      String reactor = Occurrence.reactorOf(id);
      reactors = CompletableFuture.completedFuture(reactor == null ? List.of() : List.of(reactor));
    } else if (GROUP_CHANGES.contains(template) && !id.equals(p.scope())) {
      // a group that does not exist has no members: its route answers 404
      reactors = scope.members(id).exceptionally(error -> List.of());
    } else {
      return inner.apply(p);
    }
    return onSuccess(
        reactors.thenCompose(ids -> outside(p.scope(), ids)),
        outside ->
            outside.isEmpty()
                ? inner.apply(p)
                : ApiErrors.error(
                    StatusCodes.FORBIDDEN,
                    "'"
                        + p.user()
                        + "' may change only reactors of group '"
                        + p.scope()
                        + "', and "
                        + String.join(", ", outside)
                        + (outside.size() == 1 ? " is" : " are")
                        + " not in it"));
  }

  /** The reactors of {@code ids} not in group {@code group}. */
  private CompletionStage<List<String>> outside(String group, List<String> ids) {
    List<CompletableFuture<Boolean>> holds =
        ids.stream()
            .map(id -> scope.holds(group, id).exceptionally(error -> false).toCompletableFuture())
            .toList();
    return CompletableFuture.allOf(holds.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                java.util.stream.IntStream.range(0, ids.size())
                    .filter(i -> !holds.get(i).join())
                    .mapToObj(ids::get)
                    .toList());
  }

  /** Who a request comes from: its bearer token if it has one, else its session cookie. */
  private CompletionStage<Optional<Principal>> who(HttpRequest request) {
    Optional<String> authorization = request.getHeader("Authorization").map(h -> h.value().strip());
    if (authorization.isPresent()) {
      String value = authorization.get();
      return value.regionMatches(true, 0, "Bearer ", 0, 7)
          ? authenticator.byToken(value.substring(7).strip())
          : CompletableFuture.completedFuture(Optional.empty());
    }
    return sessionToken(request)
        .map(authenticator::bySession)
        .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
  }

  static Optional<String> sessionToken(HttpRequest request) {
    for (var cookie : request.getHeaders()) {
      if (cookie instanceof org.apache.pekko.http.javadsl.model.headers.Cookie c) {
        for (var pair : c.getCookies()) {
          if (pair.name().equals(SESSION_COOKIE)) {
            return Optional.of(pair.value());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The caller's address, as the connection shows it (never a header the client writes). */
  static String address(HttpRequest request) {
    return request
        .getAttribute(AttributeKeys.remoteAddress)
        .flatMap(remote -> remote.getAddress())
        .map(address -> address.getHostAddress())
        .orElse("unknown");
  }

  /**
   * False if a browser says the request comes from another site: an {@code Origin} naming another
   * host, or {@code Sec-Fetch-Site} other than same-origin or none. Clients that are not browsers
   * send neither.
   */
  private static boolean fromThisSite(HttpRequest request) {
    Optional<String> origin = request.getHeader("Origin").map(h -> h.value());
    if (origin.isPresent()) {
      return sameOrigin(origin.get(), request);
    }
    return request
        .getHeader("Sec-Fetch-Site")
        .map(h -> h.value().equals("same-origin") || h.value().equals("none"))
        .orElse(true);
  }

  private static boolean hasOrigin(HttpRequest request) {
    return request.getHeader("Origin").isPresent()
        || request
            .getHeader("Sec-Fetch-Site")
            .map(h -> h.value().equals("same-origin"))
            .orElse(false);
  }

  private static boolean sameOrigin(String origin, HttpRequest request) {
    try {
      URI uri = URI.create(origin);
      String host = request.getHeader("Host").map(h -> h.value()).orElse("");
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return uri.getHost() != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Route crossSite() {
    return ApiErrors.error(
        StatusCodes.FORBIDDEN,
        "a change made with a session must come from this site (an Origin header naming it, or"
            + " Sec-Fetch-Site: same-origin)");
  }
}
