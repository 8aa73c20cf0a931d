package io.forelight.frms.coordinator.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a rule's alarm is raised and cleared, reading by reading. */
class ConditionTest {

  private static AlarmRule high(double limit, double hysteresis, Duration onDelay) {
    return new AlarmRule(
        "t-high",
        AlarmRule.Kind.HIGH,
        "temperature",
        "",
        limit,
        hysteresis,
        onDelay,
        AlarmRule.Severity.MAJOR);
  }

  /** Feeds values one a second; returns the changes, tracking whether the alarm is active. */
  private static List<Condition.Change> feed(AlarmRule rule, double... values) {
    Condition condition = new Condition(rule);
    boolean active = false;
    List<Condition.Change> changes = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      Condition.Change change =
          condition.next(
              new Sample(i, i * 1_000_000L, values[i], !Double.isNaN(values[i]), "°C"), active);
      if (change != Condition.Change.NONE) {
        changes.add(change);
        active = change == Condition.Change.RAISE;
      }
    }
    return changes;
  }

  @Test
  void raisesOnceTheBreachHeldForTheOnDelay() {
    AlarmRule rule = high(38, 0.5, Duration.ofSeconds(3));
    assertEquals(List.of(), feed(rule, 37, 38.5, 38.6, 38.7), "3 s not reached yet (0..2 s)");
    assertEquals(
        List.of(Condition.Change.RAISE), feed(rule, 37, 38.5, 38.6, 38.7, 38.8), "3 s held");
  }

  @Test
  void aDeviationRuleRaisesEitherWayBeyondItsBandAndClearsWhenTheLoopStopsControlling() {
    AlarmRule rule =
        new AlarmRule(
            "t-dev",
            AlarmRule.Kind.DEVIATION,
            "temperature-deviation",
            "",
            1.0,
            0.2,
            Duration.ofSeconds(2),
            AlarmRule.Severity.MINOR);
    assertEquals(List.of(), feed(rule, 0.1, -1.5, 0.5, 1.2, -1.1), "not held for 2 s");
    assertEquals(
        List.of(Condition.Change.RAISE, Condition.Change.CLEAR),
        feed(rule, 0.1, -1.5, -1.2, -1.3, -0.9, -0.7),
        "below the band held 2 s; back inside the band less the hysteresis");
    assertEquals(
        List.of(Condition.Change.RAISE, Condition.Change.CLEAR),
        feed(rule, 1.5, 1.6, 1.7, Double.NaN),
        "a loop no longer in auto reads BAD: the deviation no longer applies");
  }

  @Test
  void raisesAtTheFirstBreachWithoutOnDelay() {
    assertEquals(
        List.of(Condition.Change.RAISE), feed(high(38, 0, Duration.ZERO), 37, 37.9, 38.1, 38.2));
  }

  @Test
  void aValueFlappingAroundTheLimitFasterThanTheOnDelayRaisesNothing() {
    AlarmRule rule = high(38, 0.5, Duration.ofSeconds(3));
    assertEquals(List.of(), feed(rule, 38.1, 37.9, 38.2, 38.3, 37.95, 38.1, 38.2, 37.99, 38.4));
  }

  @Test
  void anActiveAlarmFlappingInsideTheHysteresisStaysRaisedAndClearsBelowIt() {
    AlarmRule rule = high(38, 0.5, Duration.ZERO);
    assertEquals(
        List.of(Condition.Change.RAISE),
        feed(rule, 38.1, 37.9, 38.2, 37.6, 38.3, 37.55),
        "above limit − hysteresis: still active");
    assertEquals(
        List.of(Condition.Change.RAISE, Condition.Change.CLEAR, Condition.Change.RAISE),
        feed(rule, 38.1, 37.4, 37.9, 38.1));
  }

  @Test
  void aBadReadingNeitherRaisesNorClearsALimitButRaisesABadQualityRule() {
    AlarmRule rule = high(38, 0.5, Duration.ZERO);
    assertEquals(List.of(Condition.Change.RAISE), feed(rule, 38.1, Double.NaN, Double.NaN));
    AlarmRule bad =
        new AlarmRule(
            "t-bad",
            AlarmRule.Kind.BAD_QUALITY,
            "temperature",
            "",
            0,
            0,
            Duration.ofSeconds(2),
            AlarmRule.Severity.MINOR);
    assertEquals(
        List.of(), feed(bad, 37, Double.NaN, 37, Double.NaN, 37, Double.NaN), "every other: none");
    assertEquals(
        List.of(Condition.Change.RAISE, Condition.Change.CLEAR),
        feed(bad, 37, Double.NaN, Double.NaN, Double.NaN, 37));
  }

  @Test
  void aLowRuleIsTheMirrorImage() {
    AlarmRule low =
        new AlarmRule(
            "ph-low",
            AlarmRule.Kind.LOW,
            "ph",
            "",
            6.8,
            0.1,
            Duration.ZERO,
            AlarmRule.Severity.CRITICAL);
    assertEquals(
        List.of(Condition.Change.RAISE, Condition.Change.CLEAR), feed(low, 7, 6.7, 6.85, 6.95));
  }

  private static AlarmRule rule(AlarmRule.Kind kind, double limit, double hysteresis) {
    return new AlarmRule(
        "r", kind, "x", "", limit, hysteresis, Duration.ZERO, AlarmRule.Severity.MAJOR);
  }

  @Test
  void aRateRuleWatchesTheChangePerMinuteEitherWay() {
    // one reading a second: 0.02 a second is 1.2 a minute
    AlarmRule rate = rule(AlarmRule.Kind.RATE, 1.0, 0.2);
    assertEquals(List.of(), feed(rate, 7.0, 7.01, 7.02, 7.025), "0.6 a minute at most");
    assertEquals(
        List.of(Condition.Change.RAISE, Condition.Change.CLEAR),
        feed(rate, 7.0, 7.02, 7.0, 6.995),
        "up 1.2/min raises; down 1.2/min stays; 0.3/min clears (below 1.0 − 0.2)");
  }

  @Test
  void aStaleRuleRaisesOnTheTickAfterItsLimitWithoutAUsableReadingAndClearsOnOne() {
    Condition stale = new Condition(rule(AlarmRule.Kind.STALE, 30, 0));
    long second = 1_000_000L;
    assertEquals(Condition.Change.NONE, stale.tick(0, false), "counts from the first tick");
    assertEquals(Condition.Change.NONE, stale.next(new Sample(1, 10 * second, 7, true, ""), false));
    assertEquals(
        Condition.Change.NONE,
        stale.next(new Sample(2, 20 * second, Double.NaN, false, ""), false),
        "a BAD reading is no usable reading");
    assertEquals(Condition.Change.NONE, stale.tick(39 * second, false));
    assertEquals(Condition.Change.RAISE, stale.tick(40 * second, false), "30 s since 10 s");
    assertEquals(Condition.Change.NONE, stale.tick(45 * second, true), "raised once");
    assertEquals(Condition.Change.CLEAR, stale.next(new Sample(3, 46 * second, 7, true, ""), true));
  }

  @Test
  void aLinkRuleRaisesAboveItsLimitAndClearsAtOrBelowIt() {
    AlarmRule down = rule(AlarmRule.Kind.UNREACHABLE, 60, 0);
    assertEquals(
        List.of(Condition.Change.RAISE, Condition.Change.CLEAR), feed(down, 0, 30, 61, 65, 0));
    AlarmRule quarantine = rule(AlarmRule.Kind.QUARANTINE, 0, 0);
    assertEquals(List.of(Condition.Change.RAISE), feed(quarantine, 0, 1, 2));
  }
}
