package io.forelight.frms.coordinator.runs;

import java.time.Instant;
import java.util.Locale;

/**
 * A timestamped note in a run: what happened ({@code kind}), at what time of the reactor's data,
 * written by whom; a sample taken carries its sample id. A setpoint profile sent with the run's
 * start is noted as kind {@code profile} (written by the coordinator, never posted by a user).
 */
public record Annotation(
    String runId, Instant at, String id, Kind kind, String text, String sampleId, String by) {

  /** What an annotation records. */
  public enum Kind {
    NOTE,
    INOCULATION,
    SAMPLE,
    FEED,
    HARVEST,
    PROFILE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** A kind as stored (any kind, the coordinator's own included). */
    static Kind stored(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** A kind a user may post. */
    static Kind parse(String text) {
      for (Kind kind : values()) {
        if (kind != PROFILE && kind.id().equals(text)) {
          return kind;
        }
      }
      throw new RunProblem(
          RunProblem.Kind.INVALID,
          "an annotation's kind is note, inoculation, sample, feed or harvest, got '" + text + "'");
    }
  }
}
