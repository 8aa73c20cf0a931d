package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.sensor.Quality;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import java.util.Locale;
import java.util.Optional;

/**
 * A loop's input as judged at one step: usable only if the latest reading is GOOD and younger than
 * the loop's stale-after; otherwise the problem, in words, that puts the outputs in their safe
 * state.
 */
record Input(double value, String problem) {

  boolean usable() {
    return problem.isEmpty();
  }

  static Input judge(LoopSpec spec, Optional<ReadingTaken> latest, long nowMicros) {
    if (latest.isEmpty()) {
      return new Input(Double.NaN, "input " + spec.input() + " has no reading yet");
    }
    ReadingTaken reading = latest.get();
    long ageMicros = nowMicros - reading.takenAtMicros();
    if (ageMicros > spec.staleAfter().toNanos() / 1000) {
      return new Input(
          Double.NaN,
          String.format(
              Locale.ROOT,
              "input %s is stale: latest reading %.1f s old (stale after %.1f s)",
              spec.input(),
              ageMicros / 1e6,
              spec.staleAfter().toMillis() / 1e3));
    }
    if (reading.quality() != Quality.GOOD || !Double.isFinite(reading.value())) {
      return new Input(
          Double.NaN,
          "input "
              + spec.input()
              + " is "
              + reading.quality()
              + (reading.detail().isEmpty() ? "" : ": " + reading.detail()));
    }
    return new Input(reading.value(), "");
  }
}
