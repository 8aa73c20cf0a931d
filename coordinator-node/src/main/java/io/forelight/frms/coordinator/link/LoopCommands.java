package io.forelight.frms.coordinator.link;

import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.SetGains;
import io.forelight.frms.link.v1.SetLoopMode;
import io.forelight.frms.link.v1.SetLoopOutput;
import io.forelight.frms.link.v1.SetOutputLimits;
import io.forelight.frms.link.v1.SetSetpoint;

/** The wire form of the loop commands (setpoint, mode, manual output, gains, output limits). */
final class LoopCommands {

  private LoopCommands() {}

  static void toProto(ReactorCommand command, CommandRequest.Builder request) {
    if (command instanceof ReactorCommand.SetLoopMode c) {
      request.setSetLoopMode(SetLoopMode.newBuilder().setLoopId(c.loopId()).setMode(c.mode()));
    } else if (command instanceof ReactorCommand.SetSetpoint c) {
      request.setSetSetpoint(
          SetSetpoint.newBuilder()
              .setLoopId(c.loopId())
              .setSetpoint(c.setpoint())
              .setRampPerMinute(c.rampPerMinute()));
    } else if (command instanceof ReactorCommand.SetLoopOutput c) {
      request.setSetLoopOutput(
          SetLoopOutput.newBuilder().setLoopId(c.loopId()).setOutput(c.output()));
    } else if (command instanceof ReactorCommand.SetGains c) {
      request.setSetGains(
          SetGains.newBuilder().setLoopId(c.loopId()).setKp(c.kp()).setKi(c.ki()).setKd(c.kd()));
    } else if (command instanceof ReactorCommand.SetOutputLimits c) {
      request.setSetOutputLimits(
          SetOutputLimits.newBuilder().setLoopId(c.loopId()).setMin(c.min()).setMax(c.max()));
    } else {
      throw new IllegalArgumentException(
          command.getClass().getSimpleName() + " is not a loop command");
    }
  }
}
