package io.forelight.frms.coordinator.alarms;

import io.forelight.frms.coordinator.CborSerializable;
import java.time.Instant;

/**
 * A change of an alarm: {@code raised}, {@code acknowledged}, {@code cleared} or {@code
 * reactivated}, numbered per (reactor, rule) from 1, by whom ("system" unless a person), with the
 * alarm as it is after it. Recorded in the read model and the audit trail, and sent to the webhook,
 * each at least once; (alarm id, number) makes a repeat recognisable.
 */
public record Transition(
    int no, String kind, Instant at, String actor, String comment, Occurrence alarm)
    implements CborSerializable {

  /** The webhook's idempotency key. */
  public String key() {
    return alarm.id() + ":" + no;
  }
}
