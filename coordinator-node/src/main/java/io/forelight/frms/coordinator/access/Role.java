package io.forelight.frms.coordinator.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user may do, each role including the ones below it: {@code viewer} reads everything,
 * {@code operator} also sends commands (setpoints, calibrations, sensor changes, cancelling) and
 * acknowledges alarms, {@code admin} also manages users, the fleet and quarantined sensors.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** True if this role may do what {@code needed} may. */
  public boolean covers(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The name used in the API and in Cassandra: viewer, operator, admin. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code id}; fails with a message listing the roles that exist. */
  public static Role parse(String id) {
    if (id != null) {
      for (Role role : values()) {
        if (role.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException(
        "no role '"
            + id
            + "': the roles are "
            + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")));
  }

  /** The highest of {@code roles}; fails if there is none. */
  public static Role highest(Collection<Role> roles) {
    return roles.stream()
        .max(Role::compareTo)
        .orElseThrow(() -> new IllegalArgumentException("a user needs at least one role"));
  }
}
