package io.forelight.frms.reactor.link;

import io.forelight.frms.link.v1.ActuatorDescription;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.LoopDescription;
import io.forelight.frms.link.v1.ProfileDescription;
import io.forelight.frms.link.v1.ProfileSegment;
import io.forelight.frms.reactor.actuator.ActuatorStatus;
import io.forelight.frms.reactor.config.ActuatorLimits;
import io.forelight.frms.reactor.control.LoopChange;
import io.forelight.frms.reactor.control.LoopMode;
import io.forelight.frms.reactor.control.LoopSettings;
import io.forelight.frms.reactor.control.LoopSpec;
import io.forelight.frms.reactor.control.LoopView;
import io.forelight.frms.reactor.control.SetpointProfile;
import java.util.Optional;

/** Conversions between the link's loop and actuator messages and the reactor's control records. */
final class ControlProtocol {

  private ControlProtocol() {}

  /** The loop change a command asks for, if it is a loop command (already checked by the rules). */
  static Optional<LoopChange> loopChange(CommandRequest request) {
    return Optional.ofNullable(
        switch (request.getCommandCase()) {
          case SET_LOOP_MODE ->
              new LoopChange.SetMode(
                  request.getSetLoopMode().getLoopId(),
                  LoopMode.parse(request.getSetLoopMode().getMode()).orElseThrow(),
                  null);
          case SET_SETPOINT ->
              new LoopChange.SetSetpoint(
                  request.getSetSetpoint().getLoopId(),
                  request.getSetSetpoint().getSetpoint(),
                  request.getSetSetpoint().getRampPerMinute());
          case SET_LOOP_OUTPUT ->
              new LoopChange.SetOutput(
                  request.getSetLoopOutput().getLoopId(), request.getSetLoopOutput().getOutput());
          case SET_GAINS ->
              new LoopChange.SetGains(
                  request.getSetGains().getLoopId(),
                  request.getSetGains().getKp(),
                  request.getSetGains().getKi(),
                  request.getSetGains().getKd());
          case SET_OUTPUT_LIMITS ->
              new LoopChange.SetOutputLimits(
                  request.getSetOutputLimits().getLoopId(),
                  request.getSetOutputLimits().getMin(),
                  request.getSetOutputLimits().getMax());
          case RUN_PROFILE ->
              new LoopChange.RunProfile(
                  request.getRunProfile().getLoopId(),
                  request.getRunProfile().getName(),
                  request.getRunProfile().getSegmentsList().stream()
                      .map(ControlProtocol::segment)
                      .toList(),
                  null,
                  null);
          case STOP_PROFILE ->
              new LoopChange.StopProfile(request.getStopProfile().getLoopId(), null, null);
          default -> null;
        });
  }

  private static SetpointProfile.Segment segment(ProfileSegment segment) {
    return new SetpointProfile.Segment(
        segment.getSetpoint(), segment.getDurationMillis(), segment.getRamp());
  }

  private static ProfileDescription toProto(SetpointProfile profile) {
    return ProfileDescription.newBuilder()
        .setName(profile.name())
        .addAllSegments(
            profile.segments().stream()
                .map(
                    s ->
                        ProfileSegment.newBuilder()
                            .setSetpoint(s.setpoint())
                            .setDurationMillis(s.durationMillis())
                            .setRamp(s.ramp())
                            .build())
                .toList())
        .setStartSetpoint(profile.startSetpoint())
        .setStartedAtMillis(profile.startedAtMillis())
        .build();
  }

  static LoopDescription toProto(LoopView view) {
    LoopSpec spec = view.spec();
    LoopSettings settings = view.settings();
    LoopDescription.Builder description = LoopDescription.newBuilder();
    if (settings.profile() != null) {
      description.setProfile(toProto(settings.profile()));
    }
    return description
        .setLoopId(spec.id())
        .setKind(spec.kind().configName())
        .setInput(spec.input())
        .putAllActuators(spec.actuators())
        .setPeriodMillis(spec.period().toMillis())
        .setMode(settings.mode().configName())
        .setSetpoint(settings.setpoint())
        .setRampPerMinute(settings.rampPerMinute())
        .setSetpointNow(view.setpointNow())
        .setManualOutput(settings.manualOutput())
        .setKp(settings.gains().kp())
        .setKi(settings.gains().ki())
        .setKd(settings.gains().kd())
        .setOutputMin(settings.outputMin())
        .setOutputMax(settings.outputMax())
        .setMeasured(view.measured())
        .setOutput(view.terms().output())
        .setFault(view.fault())
        .setSetpointMin(spec.setpointRange().min())
        .setSetpointMax(spec.setpointRange().max())
        .setOutputLimit(spec.outputLimit().max())
        .build();
  }

  static ActuatorDescription toProto(ActuatorStatus status) {
    ActuatorLimits limits = status.spec().limits();
    return ActuatorDescription.newBuilder()
        .setActuatorId(status.spec().id())
        .setKind(status.spec().kind().configName())
        .setDriver(status.spec().driver())
        .setLevel(status.level())
        .setSafeBecause(status.safeBecause())
        .setFault(status.fault())
        .setDosedLastHourMl(status.dosedLastHourMl())
        .setDosedTotalMl(status.dosedTotalMl())
        .setMaxDuty(limits.maxDuty())
        .setMlPerSecond(limits.mlPerSecond())
        .setMaxDosePerHourMl(limits.maxDosePerHourMl())
        .setMaxDosePerRunMl(limits.maxDosePerRunMl())
        .build();
  }
}
