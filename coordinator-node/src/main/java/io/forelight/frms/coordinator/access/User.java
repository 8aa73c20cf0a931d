package io.forelight.frms.coordinator.access;

import java.time.Instant;
import java.util.Set;

/**
 * A person (or an integration's owner) who may use the API. {@code scope} names the group of
 * reactors the roles apply to once groups exist; empty means the whole fleet. {@code passwordHash}
 * is an Argon2id hash in PHC form and never leaves the coordinator.
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
    Instant changedAt) {

  public User {
    roles = Set.copyOf(roles);
    scope = scope == null ? "" : scope;
  }

  public Role role() {
    return Role.highest(roles);
  }
}
