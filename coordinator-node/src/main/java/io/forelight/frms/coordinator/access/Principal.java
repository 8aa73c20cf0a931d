package io.forelight.frms.coordinator.access;

/**
 * Who is making a request, as proven by a session cookie or an API token (never by anything the
 * client merely writes). {@code csrfToken} is the session's anti-forgery token (null for a token:
 * scripts carry no ambient credentials); {@code via} names how they came in, for the audit trail.
 */
public record Principal(
    String user, String displayName, Role role, String scope, String via, String csrfToken) {

  public boolean bySession() {
    return csrfToken != null;
  }
}
