package io.forelight.frms.coordinator.alarms;

import io.forelight.frms.coordinator.CborSerializable;
import java.time.Instant;

/**
 * One alarm: a rule raised on a reactor, from when it was raised until it is both cleared and
 * acknowledged. Its id is {@code <reactor>.<rule>.<n>} (the rule's n-th alarm on that reactor).
 * Times and values of clearing and acknowledging are null until they happen.
 */
public record Occurrence(
    String id,
    String reactorId,
    String ruleId,
    String sensorId,
    AlarmRule.Severity severity,
    Status status,
    String detail,
    Instant raisedAt,
    String raisedValue,
    Instant clearedAt,
    String clearedValue,
    String ackedBy,
    Instant ackedAt,
    String ackComment)
    implements CborSerializable {

  /** Where an alarm is in its life; {@code CLEARED_ACKED} ends it. */
  public enum Status {
    ACTIVE_UNACKED,
    ACTIVE_ACKED,
    CLEARED_UNACKED,
    CLEARED_ACKED;

    public boolean active() {
      return this == ACTIVE_UNACKED || this == ACTIVE_ACKED;
    }

    public boolean acked() {
      return this == ACTIVE_ACKED || this == CLEARED_ACKED;
    }
  }

  /** The id of the {@code n}-th alarm of a rule on a reactor. */
  public static String id(String reactorId, String ruleId, int n) {
    return reactorId + "." + ruleId + "." + n;
  }

  /** The reactor an alarm id names (reactor ids hold no '.'), or null if it names none. */
  public static String reactorOf(String alarmId) {
    int dot = alarmId.indexOf('.');
    return dot <= 0 ? null : alarmId.substring(0, dot);
  }

  /** The rule an alarm id names, or null if it names none. */
  public static String ruleOf(String alarmId) {
    String[] parts = alarmId.split("\\.");
    return parts.length == 3 ? parts[1] : null;
  }

  boolean open() {
    return status != Status.CLEARED_ACKED;
  }

  Occurrence cleared(Instant at, String value) {
    return new Occurrence(
        id,
        reactorId,
        ruleId,
        sensorId,
        severity,
        status.acked() ? Status.CLEARED_ACKED : Status.CLEARED_UNACKED,
        detail,
        raisedAt,
        raisedValue,
        at,
        value,
        ackedBy,
        ackedAt,
        ackComment);
  }

  /** Active again before anyone acknowledged its clearing: the same alarm, unacknowledged. */
  Occurrence reactivated() {
    return new Occurrence(
        id,
        reactorId,
        ruleId,
        sensorId,
        severity,
        Status.ACTIVE_UNACKED,
        detail,
        raisedAt,
        raisedValue,
        null,
        null,
        null,
        null,
        null);
  }

  Occurrence acknowledged(String by, Instant at, String comment) {
    return new Occurrence(
        id,
        reactorId,
        ruleId,
        sensorId,
        severity,
        status.active() ? Status.ACTIVE_ACKED : Status.CLEARED_ACKED,
        detail,
        raisedAt,
        raisedValue,
        clearedAt,
        clearedValue,
        by,
        at,
        comment);
  }
}
