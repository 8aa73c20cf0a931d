package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.CborSerializable;
import java.util.Map;

/**
 * Where a reactor link stands: connecting; catching up with a backlog of N readings; live;
 * unreachable since a time (epoch millis); or no link, the reactor having been removed from the
 * fleet at a time. With the last error and counters, the coordinator node running the link ({@code
 * node}, host:port), and the reactor's sensors whose readings are refused ({@code quarantined}:
 * sensor to why and since when) while the others stream on, and those stored in a new sequence
 * ({@code newSequences}: sensor to "new log incarnation (was …) since T"); {@code clockSkew} says
 * how far the reactor's clock is off when that is beyond {@code max-clock-skew} (else null).
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
    String node,
    Map<String, String> quarantined,
    Map<String, String> newSequences,
    String clockSkew,
    String commandWaiting)
    implements CborSerializable {

  public LinkState {
    quarantined = quarantined == null ? Map.of() : Map.copyOf(quarantined);
    newSequences = newSequences == null ? Map.of() : Map.copyOf(newSequences);
  }

  public enum Status {
    CONNECTING,
    CATCHING_UP,
    LIVE,
    UNREACHABLE,
    REMOVED
  }
}
