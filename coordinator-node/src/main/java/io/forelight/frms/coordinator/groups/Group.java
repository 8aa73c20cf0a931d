package io.forelight.frms.coordinator.groups;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A logical group of reactors (a site, a room, a line, a project or a free tag): its members by
 * reactor id, so a reactor that moves to another address stays in its groups. A reactor can be in
 * many groups.
 */
public record Group(
    String id,
    String name,
    Kind kind,
    Set<String> members,
    String createdBy,
    Instant createdAt,
    String changedBy,
    Instant changedAt) {

  public Group {
    members = java.util.Collections.unmodifiableSet(new TreeSet<>(members));
  }

  /** What a group stands for. */
  public enum Kind {
    SITE,
    ROOM,
    LINE,
    PROJECT,
    TAG;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind named {@code text} (site, room, line, project or tag). */
    public static Kind parse(String text) {
      for (Kind kind : values()) {
        if (kind.id().equals(text)) {
          return kind;
        }
      }
      throw new GroupProblem(
          GroupProblem.Kind.INVALID,
          "a group's kind is site, room, line, project or tag, got '" + text + "'");
    }
  }

  /** The same group with other members, changed by {@code by} at {@code at}. */
  Group withMembers(Set<String> newMembers, String by, Instant at) {
    return new Group(id, name, kind, newMembers, createdBy, createdAt, by, at);
  }
}
