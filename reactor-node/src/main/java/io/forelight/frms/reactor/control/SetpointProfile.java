package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.sensor.CborSerializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A schedule of setpoints a loop follows by itself: each segment holds its setpoint for its
 * duration, or ramps to it linearly from where the previous segment ended (the first from {@code
 * startSetpoint}, the setpoint in force when the profile began). It is timed from {@code
 * startedAtMillis} on the reactor's clock, so after a reboot the loop picks it up where the
 * schedule stands, and a link outage does not touch it. After the last segment the setpoint stays
 * at the last segment's.
 */
public record SetpointProfile(
    String name, List<Segment> segments, double startSetpoint, long startedAtMillis)
    implements CborSerializable {

  /** Hold {@code setpoint} (or ramp to it) for {@code durationMillis}. */
  public record Segment(double setpoint, long durationMillis, boolean ramp)
      implements CborSerializable {}

  public SetpointProfile {
    segments = List.copyOf(segments);
  }

  /** The setpoint the schedule gives at {@code nowMillis}. */
  public double setpointAt(long nowMillis) {
    long elapsed = Math.max(0, nowMillis - startedAtMillis);
    double from = startSetpoint;
    for (Segment segment : segments) {
      if (elapsed < segment.durationMillis()) {
        return segment.ramp()
            ? from + (segment.setpoint() - from) * elapsed / segment.durationMillis()
            : segment.setpoint();
      }
      elapsed -= segment.durationMillis();
      from = segment.setpoint();
    }
    return finalSetpoint();
  }

  /** The setpoint it ends at and then holds. */
  public double finalSetpoint() {
    return segments.get(segments.size() - 1).setpoint();
  }

  public long endsAtMillis() {
    return startedAtMillis + segments.stream().mapToLong(Segment::durationMillis).sum();
  }

  public boolean finishedAt(long nowMillis) {
    return nowMillis >= endsAtMillis();
  }

  /** Why this loop cannot run the profile: a setpoint outside the loop's range. */
  public static Optional<String> problem(String loopId, List<Segment> segments, LoopSpec spec) {
    for (int i = 0; i < segments.size(); i++) {
      double setpoint = segments.get(i).setpoint();
      if (!spec.setpointRange().contains(setpoint)) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "segment %d's setpoint %s is outside loop %s's range %s..%s",
                i + 1,
                setpoint,
                loopId,
                spec.setpointRange().min(),
                spec.setpointRange().max()));
      }
    }
    return segments.isEmpty() ? Optional.of("a profile needs a segment") : Optional.empty();
  }
}
