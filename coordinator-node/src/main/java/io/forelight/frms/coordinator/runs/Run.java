package io.forelight.frms.coordinator.runs;

import java.time.Instant;

/**
 * One run of a reactor (a cultivation from inoculation to harvest): the time range of its data from
 * {@code startedAt} to {@code endedAt} (null while it runs), its name and description, who started
 * and ended it, and the group run it belongs to ({@code groupRunId}, null when started for the
 * reactor alone).
 */
public record Run(
    String id,
    String reactorId,
    String name,
    String description,
    String startedBy,
    Instant startedAt,
    String endedBy,
    Instant endedAt,
    String groupRunId) {

  public boolean running() {
    return endedAt == null;
  }

  Run ended(String by, Instant at) {
    return new Run(id, reactorId, name, description, startedBy, startedAt, by, at, groupRunId);
  }
}
