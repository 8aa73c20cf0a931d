package io.forelight.frms.coordinator.alarms;

import io.forelight.frms.coordinator.CborSerializable;
import java.time.Duration;
import java.util.Locale;

/**
 * One alarm rule from the rules file: what is watched ({@code kind} on the readings of sensor
 * {@code sensorId}), on which reactors (those of {@code group}, or all when it is empty), when it
 * raises ({@code limit} held for {@code onDelay}) and clears ({@code hysteresis} back inside), and
 * how bad it is.
 */
public record AlarmRule(
    String id,
    Kind kind,
    String sensorId,
    String group,
    double limit,
    double hysteresis,
    Duration onDelay,
    Severity severity)
    implements CborSerializable {

  /** What a rule watches. */
  public enum Kind {
    /** A reading above the limit; clears below limit − hysteresis. */
    HIGH,
    /** A reading below the limit; clears above limit + hysteresis. */
    LOW,
    /**
     * A reading of BAD quality (a sensor fault, or readings lost at the source); clears on GOOD.
     */
    BAD_QUALITY,
    /** Changing faster than the limit (units per minute, either way) between two readings. */
    RATE,
    /** No usable reading for {@code limit} seconds (of this coordinator's clock); clears on one. */
    STALE,
    /**
     * A loop's measured value more than {@code limit} away from its setpoint, either way (its
     * recorded {@code <loop>-deviation}); clears back within limit − hysteresis, or when the loop
     * stops controlling (manual, off, a fault).
     */
    DEVIATION,
    /** The link to the reactor down for {@code limit} seconds. */
    UNREACHABLE,
    /** The stored copy trailing the reactor by more than {@code limit} seconds. */
    LAGGING,
    /** More than {@code limit} readings waiting in the reactor's log: its log is filling. */
    BACKLOG,
    /** The reactor's clock more than {@code limit} seconds off the coordinator's. */
    CLOCK_SKEW,
    /** A sensor of the reactor quarantined (a new log incarnation, or a log that disagrees). */
    QUARANTINE;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the rule watches the reactor's link rather than one of its sensors. */
    public boolean ofLink() {
      return ordinal() >= UNREACHABLE.ordinal();
    }

    /** The measure of the link a link rule watches, as the sensor id its samples carry. */
    public String linkMeasure() {
      return "link:" + id();
    }
  }

  /** How bad an alarm is, the worst first. */
  public enum Severity {
    CRITICAL,
    MAJOR,
    MINOR,
    WARNING;

    /** Lower case, as in the rules file and in JSON. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether the rule watches reactor {@code reactorId}, which is in {@code groups}. */
  public boolean covers(java.util.Collection<String> groups) {
    return group.isEmpty() || groups.contains(group);
  }

  /** What the rule says, for people: "temperature above 38.5 for 10 s". */
  public String describe() {
    String delay = onDelay.isZero() ? "" : " for " + onDelay.toMillis() / 1000.0 + " s";
    return switch (kind) {
      case HIGH -> sensorId + " above " + limit + delay;
      case LOW -> sensorId + " below " + limit + delay;
      case BAD_QUALITY -> sensorId + " reading BAD" + delay;
      case RATE -> sensorId + " changing faster than " + limit + " per minute" + delay;
      case STALE -> "no usable reading of " + sensorId + " for " + seconds(limit);
      case DEVIATION ->
          "loop "
              + sensorId.substring(0, sensorId.length() - "-deviation".length())
              + " more than "
              + limit
              + " off its setpoint"
              + delay;
      case UNREACHABLE -> "reactor unreachable for " + seconds(limit) + delay;
      case LAGGING -> "stored readings trailing the reactor by more than " + seconds(limit) + delay;
      case BACKLOG ->
          "more than " + (long) limit + " readings waiting in the reactor's log" + delay;
      case CLOCK_SKEW -> "reactor clock more than " + seconds(limit) + " off" + delay;
      case QUARANTINE -> "a sensor quarantined" + delay;
    };
  }

  private static String seconds(double value) {
    return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value))
        + " s";
  }
}
