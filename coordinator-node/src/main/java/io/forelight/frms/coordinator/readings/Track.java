package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * The sequence a sensor's readings are stored in now: the reactor's log {@code incarnation} (see
 * the link's SensorDescription), its {@code number} among the sensor's sequences (1 for the first,
 * higher for each new log or accepted conflict), the position it starts after ({@code base}: the
 * reactor had deleted readings up to it; -1 until the next connection says), since when (epoch ms)
 * and how it came to be ({@code origin}).
 */
public record Track(String incarnation, int number, long base, long sinceMillis, String origin)
    implements CborSerializable {

  public static final String FIRST = "first log";
  public static final String ADOPTED = "stored before log incarnations";
  public static final String NEW_LOG = "new log incarnation";

  /** "new log incarnation (was …) since T" for a sequence after the first, else empty. */
  public java.util.Optional<String> note() {
    return number > 1
        ? java.util.Optional.of(origin + " since " + java.time.Instant.ofEpochMilli(sinceMillis))
        : java.util.Optional.empty();
  }

  /** Whether this sequence still waits for the reactor to say where it starts. */
  boolean awaitsBase() {
    return base < 0;
  }

  Track startingAfter(long position) {
    return new Track(incarnation, number, position, sinceMillis, origin);
  }
}
