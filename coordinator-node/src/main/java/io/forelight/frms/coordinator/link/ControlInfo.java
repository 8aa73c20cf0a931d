package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.link.v1.ActuatorDescription;
import io.forelight.frms.link.v1.LoopDescription;
import io.forelight.frms.link.v1.ProfileDescription;
import java.util.List;
import java.util.Map;

/** What a reactor said of its control loops and actuators when last described. */
public final class ControlInfo {

  private ControlInfo() {}

  /**
   * One loop: the settings in force (mode, setpoint, ramp, manual output, gains, output range),
   * what operators may set, and what its latest step did (setpoint on the ramp, measured value,
   * output, fault; null where the loop had no usable value).
   */
  public record LoopInfo(
      String loopId,
      String kind,
      String input,
      Map<String, String> actuators,
      long periodMillis,
      String mode,
      double setpoint,
      double rampPerMinute,
      double manualOutput,
      double kp,
      double ki,
      double kd,
      double outputMin,
      double outputMax,
      double setpointMin,
      double setpointMax,
      double outputLimit,
      Double setpointNow,
      Double measured,
      Double output,
      String fault,
      ProfileInfo profile)
      implements CborSerializable {

    public LoopInfo {
      actuators = actuators == null ? Map.of() : Map.copyOf(actuators);
      fault = fault == null ? "" : fault;
    }

    /** The settings and configuration, without what changes every step. */
    LoopInfo shape() {
      return new LoopInfo(
          loopId,
          kind,
          input,
          actuators,
          periodMillis,
          mode,
          setpoint,
          rampPerMinute,
          manualOutput,
          kp,
          ki,
          kd,
          outputMin,
          outputMax,
          setpointMin,
          setpointMax,
          outputLimit,
          null,
          null,
          null,
          "",
          profile);
    }

    static LoopInfo fromProto(LoopDescription l) {
      return new LoopInfo(
          l.getLoopId(),
          l.getKind(),
          l.getInput(),
          l.getActuatorsMap(),
          l.getPeriodMillis(),
          l.getMode(),
          l.getSetpoint(),
          l.getRampPerMinute(),
          l.getManualOutput(),
          l.getKp(),
          l.getKi(),
          l.getKd(),
          l.getOutputMin(),
          l.getOutputMax(),
          l.getSetpointMin(),
          l.getSetpointMax(),
          l.getOutputLimit(),
          finite(l.getSetpointNow()),
          finite(l.getMeasured()),
          finite(l.getOutput()),
          l.getFault(),
          l.hasProfile() ? ProfileInfo.fromProto(l.getProfile()) : null);
    }
  }

  /**
   * The setpoint profile a loop runs, or last ran to its end: its segments, the setpoint it started
   * from, and when it started and ends (reactor clock, ms since the epoch).
   */
  public record ProfileInfo(
      String name,
      List<ReactorCommand.ProfileSegment> segments,
      double startSetpoint,
      long startedAtMillis,
      long endsAtMillis)
      implements CborSerializable {

    public ProfileInfo {
      segments = segments == null ? List.of() : List.copyOf(segments);
    }

    static ProfileInfo fromProto(ProfileDescription p) {
      List<ReactorCommand.ProfileSegment> segments =
          p.getSegmentsList().stream()
              .map(
                  s ->
                      new ReactorCommand.ProfileSegment(
                          s.getSetpoint(), s.getDurationMillis(), s.getRamp()))
              .toList();
      long total = p.getSegmentsList().stream().mapToLong(s -> s.getDurationMillis()).sum();
      return new ProfileInfo(
          p.getName(),
          segments,
          p.getStartSetpoint(),
          p.getStartedAtMillis(),
          p.getStartedAtMillis() + total);
    }
  }

  /**
   * One actuator: kind, driver and limits; and its state when described: level 0..1, why it is safe
   * (off), its latest fault, what a dosing pump pumped.
   */
  public record ActuatorInfo(
      String actuatorId,
      String kind,
      String driver,
      double maxDuty,
      double mlPerSecond,
      double maxDosePerHourMl,
      double maxDosePerRunMl,
      double level,
      String safeBecause,
      String fault,
      double dosedLastHourMl,
      double dosedTotalMl)
      implements CborSerializable {

    ActuatorInfo shape() {
      return new ActuatorInfo(
          actuatorId,
          kind,
          driver,
          maxDuty,
          mlPerSecond,
          maxDosePerHourMl,
          maxDosePerRunMl,
          0,
          "",
          "",
          0,
          0);
    }

    static ActuatorInfo fromProto(ActuatorDescription a) {
      return new ActuatorInfo(
          a.getActuatorId(),
          a.getKind(),
          a.getDriver(),
          a.getMaxDuty(),
          a.getMlPerSecond(),
          a.getMaxDosePerHourMl(),
          a.getMaxDosePerRunMl(),
          a.getLevel(),
          a.getSafeBecause(),
          a.getFault(),
          a.getDosedLastHourMl(),
          a.getDosedTotalMl());
    }
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
