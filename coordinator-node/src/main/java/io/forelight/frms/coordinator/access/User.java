package io.forelight.frms.coordinator.access;

import java.time.Instant;
import java.util.Set;

/**
 * A person (or an integration's owner) who may use the API. {@code scope} names the group of
 * reactors the roles apply to once groups exist; empty means the whole fleet. {@code passwordHash}
 * is an Argon2id hash in PHC form and never leaves the coordinator. {@code sessionsFrom}: sessions
 * whose password was last given before it no longer work (set when the password changes; null for a
 * user whose password never changed).
 */
public record User(
    String name,
    String displayName,
    Set<Role> roles,
    String scope,
    boolean enabled,
    String passwordHash,
    String createdBy,
    Instant createdAt,
    String changedBy,
    Instant changedAt,
    Instant sessionsFrom) {

  public User {
    roles = Set.copyOf(roles);
    scope = scope == null ? "" : scope;
  }

  /** A new, enabled user made by {@code by} at {@code at}: every session of theirs stands. */
  public static User created(
      String name,
      String displayName,
      Set<Role> roles,
      String scope,
      String passwordHash,
      String by,
      Instant at) {
    return new User(name, displayName, roles, scope, true, passwordHash, by, at, by, at, null);
  }

  /**
   * This user with a new password set by {@code by} at {@code at}: sessions in which the password
   * was last given before {@code at} end.
   */
  public User withPassword(String hash, String by, Instant at) {
    return new User(
        name, displayName, roles, scope, enabled, hash, createdBy, createdAt, by, at, at);
  }

  /** True if a session in which the password was last given at {@code givenAt} still stands. */
  public boolean sessionStands(Instant givenAt) {
    return sessionsFrom == null || !givenAt.isBefore(sessionsFrom);
  }

  public Role role() {
    return Role.highest(roles);
  }
}
