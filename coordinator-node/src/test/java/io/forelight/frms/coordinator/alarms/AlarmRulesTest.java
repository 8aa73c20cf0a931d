package io.forelight.frms.coordinator.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rules file: what it means, and each mistake named with its key. */
class AlarmRulesTest {

  private static AlarmRules parse(String text) {
    return AlarmRules.parse(ConfigFactory.parseString(text), "alarms.conf");
  }

  private static String problem(String text) {
    return assertThrows(AlarmRules.Problem.class, () -> parse(text)).getMessage();
  }

  @Test
  void readsEveryKindWithItsDefaults() {
    AlarmRules rules =
        parse(
            "rules { t-high { kind = high, sensor = temperature, limit = 38.5, hysteresis = 0.3,"
                + " on-delay = 10s, severity = critical, group = room-b }\n"
                + " ph-bad { kind = bad-quality, sensor = ph } }");
    assertEquals(2, rules.all().size());
    AlarmRule high = rules.find("t-high").orElseThrow();
    assertEquals(AlarmRule.Kind.HIGH, high.kind());
    assertEquals(38.5, high.limit());
    assertEquals(Duration.ofSeconds(10), high.onDelay());
    assertEquals(AlarmRule.Severity.CRITICAL, high.severity());
    assertEquals("room-b", high.group());
    AlarmRule bad = rules.find("ph-bad").orElseThrow();
    assertEquals(AlarmRule.Severity.MAJOR, bad.severity(), "default severity");
    assertEquals(Duration.ZERO, bad.onDelay());
    assertEquals("", bad.group(), "every reactor");
  }

  @Test
  void namesWhatIsWrong() {
    assertTrue(problem("rulez {}").contains("no 'rules { ... }' block"));
    assertTrue(
        problem("rules { a { kind = hgh, sensor = t, limit = 1 } }")
            .contains("rules.a.kind must be one of [high, low, bad-quality, rate, stale,"));
    assertTrue(
        problem("rules { a { kind = high, sensor = t } }").contains("rules.a.limit is missing"));
    assertTrue(
        problem("rules { a { kind = high, limit = 1 } }").contains("rules.a.sensor is missing"));
    assertTrue(
        problem("rules { a { kind = high, sensor = t, limit = 1, on-dlay = 2s } }")
            .contains("rules.a.on-dlay is not a known setting"));
    assertTrue(
        problem("rules { a { kind = low, sensor = t, limit = 1, severity = fatal } }")
            .contains("rules.a.severity must be critical, major, minor or warning"));
    assertTrue(
        problem("rules { a { kind = low, sensor = t, limit = 1, hysteresis = -1 } }")
            .contains("rules.a.hysteresis must be 0 or more"));
    assertTrue(
        problem("rules { \"A.b\" { kind = low, sensor = t, limit = 1 } }")
            .contains("a rule id is 1-63 lower-case letters"));
    assertTrue(
        problem("rules { a { kind = bad-quality, sensor = t, limit = 1 } }")
            .contains("a bad-quality rule has no limit"));
    assertTrue(
        problem("rules { a { kind = deviation, sensor = t, limit = 1 } }")
            .contains("a deviation rule names its loop (loop = ...), not a sensor"));
    assertTrue(
        problem("rules { a { kind = high, sensor = t, loop = t, limit = 1 } }")
            .contains("only a deviation rule names a loop"));
    assertTrue(
        problem("rules { a { kind = deviation, limit = 1 } }").contains("rules.a.loop is missing"));
  }

  @Test
  void aDeviationRuleWatchesWhatItsLoopRecords() {
    AlarmRule rule =
        AlarmRules.parse(
                com.typesafe.config.ConfigFactory.parseString(
                    "rules { t-dev { kind = deviation, loop = temperature, limit = 1,"
                        + " hysteresis = 0.2, on-delay = 10m } }"),
                "test")
            .all()
            .get(0);
    assertEquals("temperature-deviation", rule.sensorId());
    assertEquals("loop temperature more than 1.0 off its setpoint for 600.0 s", rule.describe());
  }

  @Test
  void readsStaleRateAndLinkRulesWithTheirLimitsInSeconds() {
    AlarmRules rules =
        parse(
            "rules { do-stale { kind = stale, sensor = dissolved-oxygen, after = 2m }\n"
                + " ph-rate { kind = rate, sensor = ph, limit = 0.5, hysteresis = 0.1 }\n"
                + " down { kind = unreachable, after = 90s, severity = critical }\n"
                + " lag { kind = lagging, limit = 10m }\n"
                + " filling { kind = backlog, limit = 100000 }\n"
                + " skew { kind = clock-skew, limit = 30s }\n"
                + " quarantined { kind = quarantine } }");
    assertEquals(120.0, rules.find("do-stale").orElseThrow().limit());
    assertEquals(0.5, rules.find("ph-rate").orElseThrow().limit());
    AlarmRule down = rules.find("down").orElseThrow();
    assertEquals(90.0, down.limit());
    assertEquals("link:unreachable", down.sensorId(), "a link rule watches the link");
    assertEquals("reactor unreachable for 90 s", down.describe());
    assertEquals(600.0, rules.find("lag").orElseThrow().limit());
    assertEquals(100000.0, rules.find("filling").orElseThrow().limit());
    assertEquals(30.0, rules.find("skew").orElseThrow().limit());
    assertEquals(0.0, rules.find("quarantined").orElseThrow().limit());
    assertTrue(
        problem("rules { a { kind = stale, sensor = ph } }").contains("rules.a.after is missing"));
    assertTrue(
        problem("rules { a { kind = stale, sensor = ph, limit = 3 } }")
            .contains("a stale rule has no limit (it has after)"));
    assertTrue(
        problem("rules { a { kind = unreachable, after = 1m, sensor = ph } }")
            .contains("a unreachable rule watches the reactor's link, not a sensor"));
    assertTrue(problem("rules { a { kind = lagging, limit = soon } }").contains("rules.a"));
    assertTrue(
        problem("rules { a { kind = quarantine, hysteresis = 1 } }")
            .contains("a quarantine rule has no hysteresis"));
  }

  @Test
  void noFileMeansNoRulesAndAMissingFileIsNamed() {
    assertTrue(AlarmRules.read("").all().isEmpty());
    String missing = Path.of("no-such-dir", "alarms.conf").toString();
    assertTrue(
        assertThrows(AlarmRules.Problem.class, () -> AlarmRules.read(missing))
            .getMessage()
            .contains("alarm rules file " + missing + " does not exist"));
  }

  @Test
  void theExampleFileReads() {
    AlarmRules example = AlarmRules.read(Path.of("..", "conf", "alarms.conf").toString());
    assertEquals(13, example.all().size());
    assertEquals("line-a", example.find("ph-low-line-a").orElseThrow().group());
  }
}
