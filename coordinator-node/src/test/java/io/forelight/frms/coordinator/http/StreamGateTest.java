package io.forelight.frms.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamGateTest {

  @Test
  void refusesOnceEveryPlaceIsTakenAndAdmitsAgainWhenAStreamEnds() {
    StreamGate gate = new StreamGate(2);
    assertFalse(gate.full());
    gate.enter();
    gate.enter();
    assertTrue(gate.full());
    assertTrue(gate.refusal().contains("already serves 2 live streams"), gate.refusal());

    gate.leave();

    assertFalse(gate.full());
    assertEquals(1, gate.open());
  }
}
