package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * Where a reactor link stands: connecting; catching up with a backlog of N readings; live;
 * unreachable since a time (epoch millis); or no link, the reactor having been removed from the
 * fleet at a time. With the last error and counters, and the coordinator node running the link
 * ({@code node}, host:port).
 */
public record LinkState(
    String reactorId,
    String address,
    Status status,
    long sinceMillis,
    long backlog,
    long reconnects,
    long storedReadings,
    long lastStoredAtMillis,
    String lastError,
    String node)
    implements CborSerializable {

  public enum Status {
    CONNECTING,
    CATCHING_UP,
    LIVE,
    UNREACHABLE,
    REMOVED
  }
}
