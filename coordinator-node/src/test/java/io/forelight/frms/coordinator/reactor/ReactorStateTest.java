package io.forelight.frms.coordinator.reactor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.link.PendingCommand;
import io.forelight.frms.coordinator.link.ReactorCommand;
import org.junit.jupiter.api.Test;

class ReactorStateTest {

  @Test
  void aCommandKeyIsKnownHoweverManyCommandsWereSettledAfterIt() {
    ReactorState state = ReactorState.EMPTY;
    for (int i = 0; i < ReactorState.SETTLED + 20; i++) {
      String key = "k" + i;
      state =
          state
              .withQueued(
                  new PendingCommand(
                      key, "ada", i, new ReactorCommand.SetSensorEnabled("ph", i % 2 == 0)))
              .withSettled(key, true, "", i);
    }
    assertTrue(state.settledCommand("k0").isEmpty(), "no longer among the recent outcomes");
    assertTrue(state.knows("k0"), "but still known: a resubmission is not queued again");
    assertFalse(state.knows("never-sent"));
  }
}
