package io.forelight.frms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  private static Bench.Options options(String key, String value) {
    return new Bench.Options(Map.of(key, value));
  }

  @Test
  void givenValuesAndDefaultsAreRead() {
    assertTrue(options("keep-data", "true").flag("keep-data"));
    assertFalse(options("spread", "FALSE").flag("spread", true));
    assertTrue(new Bench.Options(Map.of()).flag("spread", true));
    assertFalse(new Bench.Options(Map.of()).flag("keep-data"));
    assertEquals(350, options("reactors", "350").integer("reactors", 1));
    assertEquals(1.5, options("factor", "1.5").decimal("factor", 2));
    assertEquals(2.0, new Bench.Options(Map.of()).decimal("factor", 2));
  }

  @Test
  void aValueOfTheWrongKindIsRefusedNamingTheOption() {
    IllegalArgumentException flag =
        assertThrows(
            IllegalArgumentException.class, () -> options("keep-data", "yes").flag("keep-data"));
    assertEquals("--keep-data must be true or false, got 'yes'", flag.getMessage());
    IllegalArgumentException integer =
        assertThrows(
            IllegalArgumentException.class, () -> options("step", "25k").integer("step", 25));
    assertEquals("--step must be a whole number, got '25k'", integer.getMessage());
    IllegalArgumentException decimal =
        assertThrows(
            IllegalArgumentException.class, () -> options("max", "fast").decimal("max", 0));
    assertEquals("--max must be a number, got 'fast'", decimal.getMessage());
  }
}
