package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Role;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every route of the API with the role it needs: the one place authorization is decided. A request
 * that matches no entry is answered 404 (405 for a known path with another method) before any route
 * sees it, so a route added without an entry here cannot be reached, and {@code RouteMatrixTest}
 * proves each entry refuses no credentials (401) and a lower role (403).
 */
public final class RouteTable {

  /** {@code role} null: anyone, logged in or not (logging in, boards enrolling). */
  public record Entry(String method, String template, Role role) {

    Pattern pattern() {
      return Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+"));
    }
  }

  public static final List<Entry> ENTRIES =
      List.of(
          new Entry("POST", "/api/session", null),
          new Entry("GET", "/api/session", Role.VIEWER),
          new Entry("DELETE", "/api/session", Role.VIEWER),
          new Entry("GET", "/api/fleet", Role.VIEWER),
          new Entry("POST", "/api/fleet/reload", Role.ADMIN),
          new Entry("GET", "/api/fleet/latest", Role.VIEWER),
          new Entry("GET", "/api/reactors", Role.VIEWER),
          new Entry("GET", "/api/reactors/{id}", Role.VIEWER),
          new Entry("GET", "/api/reactors/{id}/latest", Role.VIEWER),
          new Entry("GET", "/api/reactors/{id}/live", Role.VIEWER),
          new Entry("GET", "/api/reactors/{id}/completeness", Role.VIEWER),
          new Entry("GET", "/api/reactors/{id}/sensors/{sensor}/history", Role.VIEWER),
          new Entry("POST", "/api/reactors/{id}/commands", Role.OPERATOR),
          new Entry("DELETE", "/api/reactors/{id}/commands/{key}", Role.OPERATOR),
          new Entry("POST", "/api/reactors/{id}/sensors/{sensor}/quarantine", Role.ADMIN),
          new Entry("GET", "/api/export", Role.VIEWER),
          new Entry("GET", "/api/users", Role.ADMIN),
          new Entry("POST", "/api/users", Role.ADMIN),
          new Entry("GET", "/api/users/{name}", Role.ADMIN),
          new Entry("PATCH", "/api/users/{name}", Role.ADMIN),
          // one's own password; an admin sets anyone's (UserAdmin checks which)
          new Entry("PUT", "/api/users/{name}/password", Role.VIEWER),
          // one's own tokens; an admin sees and revokes anyone's (TokenAdmin checks which)
          new Entry("GET", "/api/tokens", Role.VIEWER),
          new Entry("POST", "/api/tokens", Role.VIEWER),
          new Entry("DELETE", "/api/tokens/{id}", Role.VIEWER),
          // boards joining the fleet have no login: they send public data only (the request is
          // checked and signed by its key; the certificate they fetch is public)
          new Entry("POST", "/api/enrolment", null),
          new Entry("GET", "/api/enrolment/{reactor}", null),
          new Entry("GET", "/api/enrolments", Role.ADMIN),
          new Entry("POST", "/api/enrolments/{reactor}/approve", Role.ADMIN),
          new Entry("POST", "/api/enrolments/{reactor}/refuse", Role.ADMIN),
          new Entry("DELETE", "/api/enrolments/{reactor}", Role.ADMIN),
          new Entry("GET", "/api/enrolment-tokens", Role.ADMIN),
          new Entry("POST", "/api/enrolment-tokens", Role.ADMIN),
          new Entry("GET", "/api/groups", Role.VIEWER),
          new Entry("POST", "/api/groups", Role.ADMIN),
          new Entry("GET", "/api/groups/{id}", Role.VIEWER),
          new Entry("PATCH", "/api/groups/{id}", Role.ADMIN),
          new Entry("DELETE", "/api/groups/{id}", Role.ADMIN),
          new Entry("PUT", "/api/groups/{id}/members/{reactor}", Role.ADMIN),
          new Entry("DELETE", "/api/groups/{id}/members/{reactor}", Role.ADMIN),
          // an operator scoped to a group commands only groups whose reactors are all in it (Guard)
          new Entry("POST", "/api/groups/{id}/commands", Role.OPERATOR),
          new Entry("GET", "/api/groups/{id}/commands", Role.VIEWER),
          new Entry("GET", "/api/groups/{id}/commands/{command}", Role.VIEWER),
          new Entry("POST", "/api/reactors/{id}/runs", Role.OPERATOR),
          new Entry("GET", "/api/reactors/{id}/runs", Role.VIEWER),
          // an operator scoped to a group starts runs only on groups whose reactors are all in it
          new Entry("POST", "/api/groups/{id}/runs", Role.OPERATOR),
          new Entry("GET", "/api/runs/{run}", Role.VIEWER),
          new Entry("GET", "/api/runs/{run}/export", Role.VIEWER),
          // runs and alarms name their reactor first: a scoped operator changes only its reactors'
          new Entry("POST", "/api/runs/{run}/end", Role.OPERATOR),
          new Entry("POST", "/api/runs/{run}/annotations", Role.OPERATOR),
          new Entry("GET", "/api/alarms", Role.VIEWER),
          new Entry("GET", "/api/alarms/rules", Role.VIEWER),
          new Entry("GET", "/api/alarms/{id}", Role.VIEWER),
          // an operator scoped to a group acknowledges only its reactors' alarms (Guard)
          new Entry("POST", "/api/alarms/{id}/ack", Role.OPERATOR),
          new Entry("GET", "/api/audit", Role.VIEWER),
          new Entry("GET", "/api/audit/verify", Role.VIEWER));

  private static final List<Pattern> PATTERNS = ENTRIES.stream().map(Entry::pattern).toList();

  private RouteTable() {}

  /** The entry for {@code method} on {@code path}, if the API has that route. */
  static Optional<Entry> find(String method, String path) {
    for (int i = 0; i < ENTRIES.size(); i++) {
      if (ENTRIES.get(i).method().equals(method) && PATTERNS.get(i).matcher(path).matches()) {
        return Optional.of(ENTRIES.get(i));
      }
    }
    return Optional.empty();
  }

  /** True if some method has a route at {@code path}. */
  static boolean knows(String path) {
    return PATTERNS.stream().anyMatch(p -> p.matcher(path).matches());
  }
}
