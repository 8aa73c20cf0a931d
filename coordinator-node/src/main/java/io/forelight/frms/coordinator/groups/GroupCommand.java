package io.forelight.frms.coordinator.groups;

import java.time.Instant;
import java.util.List;

/**
 * One command sent to every member of a group: its id (also the idempotency key it is queued under
 * in each member's outbox), the members it was sent to, the command as JSON, who asked, why and
 * when.
 */
public record GroupCommand(
    String id,
    String groupId,
    List<String> members,
    String command,
    String issuedBy,
    String reason,
    Instant issuedAt) {

  public GroupCommand {
    members = List.copyOf(members);
  }
}
