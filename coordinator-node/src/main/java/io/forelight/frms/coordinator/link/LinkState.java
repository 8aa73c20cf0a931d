package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * Where a reactor link stands: connecting; catching up with a backlog of N readings; live; or
 * unreachable since a time (epoch millis), with the last error and counters, and the coordinator
 * node running the link ({@code node}, host:port).
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
    UNREACHABLE
  }
}
