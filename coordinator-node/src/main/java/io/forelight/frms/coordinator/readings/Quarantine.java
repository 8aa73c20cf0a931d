package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * Why a sensor's readings are refused: its reactor's log and the stored readings disagree inside
 * one log incarnation (a reading differs from the stored one with its number, or the log ends
 * before what is stored). Only this sensor stops; an admin accepts its log as a new sequence or
 * keeps refusing it ({@code keptBy}: who decided so and why, else null).
 */
public record Quarantine(
    String incarnation, long seq, String reason, long sinceMillis, String keptBy)
    implements CborSerializable {

  /** "since T: reason", with the admin's decision to keep refusing if there was one. */
  public String describe() {
    return "since "
        + java.time.Instant.ofEpochMilli(sinceMillis)
        + ": "
        + reason
        + (keptBy == null ? "" : " (kept refused by " + keptBy + ")");
  }

  Quarantine kept(String by) {
    return new Quarantine(incarnation, seq, reason, sinceMillis, by);
  }
}
