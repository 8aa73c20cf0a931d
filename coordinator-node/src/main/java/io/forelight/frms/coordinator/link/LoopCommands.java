package io.forelight.frms.coordinator.link;

import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.ProfileSegment;
import io.forelight.frms.link.v1.RunProfile;
import io.forelight.frms.link.v1.SetGains;
import io.forelight.frms.link.v1.SetLoopMode;
import io.forelight.frms.link.v1.SetLoopOutput;
import io.forelight.frms.link.v1.SetOutputLimits;
import io.forelight.frms.link.v1.SetSetpoint;
import io.forelight.frms.link.v1.StopProfile;

/**
 * The wire form of the loop commands (setpoint, mode, manual output, gains, output limits,
 * profiles).
 */
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
    } else if (command instanceof ReactorCommand.RunProfile c) {
      RunProfile.Builder profile = RunProfile.newBuilder().setLoopId(c.loopId()).setName(c.name());
      for (ReactorCommand.ProfileSegment segment : c.segments()) {
        profile.addSegments(
            ProfileSegment.newBuilder()
                .setSetpoint(segment.setpoint())
                .setDurationMillis(segment.durationMillis())
                .setRamp(segment.ramp()));
      }
      request.setRunProfile(profile);
    } else if (command instanceof ReactorCommand.StopProfile c) {
      request.setStopProfile(StopProfile.newBuilder().setLoopId(c.loopId()));
    } else {
      throw new IllegalArgumentException(
          command.getClass().getSimpleName() + " is not a loop command");
    }
  }
}
