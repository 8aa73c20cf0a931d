package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.LoopDescription;
import io.forelight.frms.link.v1.ReactorDescription;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Loop commands go on the wire as the reactor reads them, bad ones are refused before they are
 * queued, and a description whose loops only moved (new measurements, outputs) is not a change
 * worth persisting, while a new setpoint is.
 */
class ControlInfoTest {

  @Test
  void aSetpointGoesOnTheWireAndABadModeIsRefusedBeforeItIsQueued() {
    CommandRequest request =
        LinkProtocol.toProto(
            "r1",
            new PendingCommand(
                "k1", "alice", 0, new ReactorCommand.SetSetpoint("temperature", 37.5, 0.5)));
    assertEquals("temperature", request.getSetSetpoint().getLoopId());
    assertEquals(37.5, request.getSetSetpoint().getSetpoint());
    assertEquals(0.5, request.getSetSetpoint().getRampPerMinute());
    assertEquals(
        Optional.of("mode must be one of off, manual, auto, got 'fast'"),
        new ReactorCommand.SetLoopMode("temperature", "fast").problem());
    assertEquals(Optional.empty(), new ReactorCommand.SetGains("do", 0.02, 0.0005, 0).problem());
  }

  @Test
  void onlyLoopSettingsChangeTheDescription() {
    ReactorInfo first = info(37, 36.8, 0.4);
    ReactorInfo moved = info(37, 36.9, 0.55);
    ReactorInfo newSetpoint = info(38, 36.9, 0.55);
    assertFalse(moved.changedFrom(first), "measurements and outputs move all the time");
    assertTrue(newSetpoint.changedFrom(moved), "a new setpoint is a change");
    assertEquals(0.55, moved.loops().get(0).output());
    assertNull(info(37, Double.NaN, 0).loops().get(0).measured(), "no usable input: null");
  }

  @Test
  void theAuditNamesTheSettingACommandReplaces() {
    ReactorInfo info = info(37, 36.8, 0.4);
    assertEquals(
        "setpoint 37.0 (ramp 0.0/min)",
        CommandInForce.of(new ReactorCommand.SetSetpoint("temperature", 38, 0), info));
    assertEquals(
        "mode auto", CommandInForce.of(new ReactorCommand.SetLoopMode("temperature", "off"), info));
    assertNull(
        CommandInForce.of(new ReactorCommand.SetLoopMode("unknown-loop", "off"), info),
        "nothing in force for a loop the reactor did not describe");
    assertNull(CommandInForce.of(new ReactorCommand.SetLoopMode("temperature", "off"), null));
  }

  private static ReactorInfo info(double setpoint, double measured, double output) {
    return LinkProtocol.fromProto(
        ReactorDescription.newBuilder()
            .setSoftwareVersion("1")
            .addLoops(
                LoopDescription.newBuilder()
                    .setLoopId("temperature")
                    .setKind("pid")
                    .setMode("auto")
                    .setSetpoint(setpoint)
                    .setMeasured(measured)
                    .setOutput(output))
            .build(),
        0,
        0);
  }
}
