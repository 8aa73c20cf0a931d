package io.forelight.frms.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeenKeysTest {

  @Test
  void remembersEveryKeyWithItsOutcome() {
    SeenKeys keys = SeenKeys.NONE;
    for (int i = 0; i < 5000; i++) {
      keys = keys.with("key-" + i, i % 3 != 0);
    }
    assertEquals(5000, keys.size());
    for (int i = 0; i < 5000; i++) {
      assertEquals(Optional.of(i % 3 != 0), keys.outcomeOf("key-" + i), "key-" + i);
    }
    assertEquals(Optional.empty(), keys.outcomeOf("key-5000"));
  }

  @Test
  void aKeyAnsweredAgainKeepsItsFirstOutcome() {
    SeenKeys keys = SeenKeys.NONE.with("k", false);
    assertSame(keys, keys.with("k", true));
    assertEquals(Optional.of(false), keys.outcomeOf("k"));
  }
}
