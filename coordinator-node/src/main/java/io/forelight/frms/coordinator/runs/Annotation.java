package io.forelight.frms.coordinator.runs;

import java.time.Instant;
import java.util.Locale;

/**
 * A timestamped note in a run: what happened ({@code kind}), at what time of the reactor's data,
 * written by whom; a sample taken carries its sample id.
 */
public record Annotation(
    String runId, Instant at, String id, Kind kind, String text, String sampleId, String by) {

  /** What an annotation records. */
  public enum Kind {
    NOTE,
    INOCULATION,
    SAMPLE,
    FEED,
    HARVEST;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind parse(String text) {
      for (Kind kind : values()) {
        if (kind.id().equals(text)) {
          return kind;
        }
      }
      throw new RunProblem(
          RunProblem.Kind.INVALID,
          "an annotation's kind is note, inoculation, sample, feed or harvest, got '" + text + "'");
    }
  }
}
