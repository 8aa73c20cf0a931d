package io.forelight.frms.coordinator.alarms;

/**
 * Decides, reading by reading in the order they were taken, when a rule's alarm is raised and when
 * it clears. Raised once the breach (above a high limit, below a low one, a BAD reading, a change
 * faster than the rate limit, a link measure above its limit) has held for the rule's on-delay in
 * the readings' own time: a reading back inside the limit restarts the wait, so a value flapping
 * around the limit faster than the on-delay raises nothing. Cleared once a reading is back inside
 * by the hysteresis, so an active alarm does not flap either. A stale rule is raised by {@link
 * #tick} and cleared by the next usable reading. Kept in memory by its entity: after a restart the
 * on-delay is waited again from the next breaching reading.
 */
final class Condition {

  enum Change {
    NONE,
    RAISE,
    CLEAR
  }

  private final AlarmRule rule;

  AlarmRule rule() {
    return rule;
  }

  private long breachSinceMicros = -1;
  private Sample previous; // rate: the reading before
  private long lastUsableMicros = -1; // stale: when the last usable reading was taken

  Condition(AlarmRule rule) {
    this.rule = rule;
  }

  /** What {@code sample} changes for an alarm that is {@code active} (raised, not cleared). */
  Change next(Sample sample, boolean active) {
    if (rule.kind() == AlarmRule.Kind.STALE) {
      if (sample.good()) {
        lastUsableMicros = Math.max(lastUsableMicros, sample.takenAtMicros());
        return active ? Change.CLEAR : Change.NONE;
      }
      return Change.NONE;
    }
    double rate = rate(sample);
    previous = sample.good() ? sample : null;
    if (active) {
      breachSinceMicros = -1;
      return normal(sample, rate) ? Change.CLEAR : Change.NONE;
    }
    if (!breaching(sample, rate)) {
      breachSinceMicros = -1;
      return Change.NONE;
    }
    if (breachSinceMicros < 0) {
      breachSinceMicros = sample.takenAtMicros();
    }
    if (sample.takenAtMicros() - breachSinceMicros >= rule.onDelay().toNanos() / 1000) {
      breachSinceMicros = -1;
      return Change.RAISE;
    }
    return Change.NONE;
  }

  /**
   * A stale rule at {@code nowMicros} (this coordinator's clock, told every few seconds): raised
   * once no usable reading was taken for the rule's limit. Before any reading it counts from the
   * first tick.
   */
  Change tick(long nowMicros, boolean active) {
    if (rule.kind() != AlarmRule.Kind.STALE) {
      return Change.NONE;
    }
    if (lastUsableMicros < 0) {
      lastUsableMicros = nowMicros;
    }
    boolean stale = nowMicros - lastUsableMicros >= rule.limit() * 1_000_000;
    return stale && !active ? Change.RAISE : Change.NONE;
  }

  /** Seconds since the last usable reading (or the first tick), at {@code nowMicros}. */
  double secondsWithoutUsable(long nowMicros) {
    return lastUsableMicros < 0 ? 0 : (nowMicros - lastUsableMicros) / 1e6;
  }

  /** The change per minute from the previous usable reading; NaN without one. */
  private double rate(Sample s) {
    if (rule.kind() != AlarmRule.Kind.RATE
        || previous == null
        || !s.good()
        || s.takenAtMicros() <= previous.takenAtMicros()) {
      return Double.NaN;
    }
    return Math.abs(s.value() - previous.value())
        / (s.takenAtMicros() - previous.takenAtMicros())
        * 60_000_000;
  }

  private boolean breaching(Sample s, double rate) {
    return switch (rule.kind()) {
      case HIGH, UNREACHABLE, LAGGING, BACKLOG, CLOCK_SKEW, QUARANTINE ->
          s.good() && s.value() > rule.limit();
      case LOW -> s.good() && s.value() < rule.limit();
      case BAD_QUALITY -> !s.good();
      case RATE -> rate > rule.limit();
      case DEVIATION -> s.good() && Math.abs(s.value()) > rule.limit();
      case STALE -> false;
    };
  }

  private boolean normal(Sample s, double rate) {
    return switch (rule.kind()) {
      case HIGH -> s.good() && s.value() < rule.limit() - rule.hysteresis();
      case UNREACHABLE, LAGGING, BACKLOG, CLOCK_SKEW, QUARANTINE ->
          s.good() && s.value() <= rule.limit();
      case LOW -> s.good() && s.value() > rule.limit() + rule.hysteresis();
      case BAD_QUALITY -> s.good();
      case RATE -> rate < rule.limit() - rule.hysteresis();
      case DEVIATION -> !s.good() || Math.abs(s.value()) < rule.limit() - rule.hysteresis();
      case STALE -> s.good();
    };
  }
}
