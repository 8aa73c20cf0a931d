package io.forelight.frms.reactor.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.forelight.frms.reactor.sensor.CborSerializable;
import java.util.Locale;
import java.util.Optional;

/**
 * A change an operator makes to a running loop, and the rules it must follow for that loop. The
 * coordinator checks the loop-independent part (finite numbers, known mode) with the link's {@code
 * CommandRules}; the reactor checks everything here, against the loop's configured ranges.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
@JsonSubTypes({
  @JsonSubTypes.Type(value = LoopChange.SetMode.class, name = "set-mode"),
  @JsonSubTypes.Type(value = LoopChange.SetSetpoint.class, name = "set-setpoint"),
  @JsonSubTypes.Type(value = LoopChange.SetOutput.class, name = "set-output"),
  @JsonSubTypes.Type(value = LoopChange.SetGains.class, name = "set-gains"),
  @JsonSubTypes.Type(value = LoopChange.SetOutputLimits.class, name = "set-limits"),
  @JsonSubTypes.Type(value = LoopChange.RunProfile.class, name = "run-profile"),
  @JsonSubTypes.Type(value = LoopChange.StopProfile.class, name = "stop-profile")
})
public sealed interface LoopChange extends CborSerializable {

  String loopId();

  /** Why this change cannot be applied to the loop as it stands, if it cannot. */
  Optional<String> problem(LoopSpec spec, LoopSettings now);

  LoopSettings applyTo(LoopSettings settings);

  /**
   * Off, manual or auto. {@code holdOutput}, when set, is the output manual mode starts from: the
   * controller fills in the output it was giving, so the switch from auto to manual is bumpless.
   */
  record SetMode(String loopId, LoopMode mode, Double holdOutput) implements LoopChange {
    @Override
    public Optional<String> problem(LoopSpec spec, LoopSettings now) {
      return mode == null ? Optional.of("mode must be off, manual or auto") : Optional.empty();
    }

    @Override
    public LoopSettings applyTo(LoopSettings settings) {
      LoopSettings next = settings.withMode(mode);
      return holdOutput == null ? next : next.withManualOutput(holdOutput);
    }
  }

  /** A new setpoint, reached at {@code rampPerMinute} units per minute (0: at once). */
  record SetSetpoint(String loopId, double setpoint, double rampPerMinute) implements LoopChange {
    @Override
    public Optional<String> problem(LoopSpec spec, LoopSettings now) {
      if (!spec.setpointRange().contains(setpoint)) {
        return Optional.of(
            format(
                "setpoint %s is outside loop %s's range %s..%s",
                setpoint, loopId, spec.setpointRange().min(), spec.setpointRange().max()));
      }
      if (!(rampPerMinute >= 0) || Double.isInfinite(rampPerMinute)) {
        return Optional.of(format("ramp must be a number >= 0 per minute, got %s", rampPerMinute));
      }
      return Optional.empty();
    }

    @Override
    public LoopSettings applyTo(LoopSettings settings) {
      return settings.withSetpoint(setpoint, rampPerMinute);
    }
  }

  /**
   * The output held in manual mode: 0..1 of full scale, or for pH dosing mL per period (positive
   * base, negative acid).
   */
  record SetOutput(String loopId, double output) implements LoopChange {
    @Override
    public Optional<String> problem(LoopSpec spec, LoopSettings now) {
      double low =
          spec.kind() == LoopKind.PH && spec.actuator("acid").isPresent()
              ? -now.outputMax()
              : now.outputMin();
      if (!(output >= low && output <= now.outputMax())) {
        return Optional.of(
            format(
                "output %s is outside loop %s's output range %s..%s",
                output, loopId, low, now.outputMax()));
      }
      return Optional.empty();
    }

    @Override
    public LoopSettings applyTo(LoopSettings settings) {
      return settings.withManualOutput(output);
    }
  }

  record SetGains(String loopId, double kp, double ki, double kd) implements LoopChange {
    @Override
    public Optional<String> problem(LoopSpec spec, LoopSettings now) {
      if (spec.kind() == LoopKind.ON_OFF || spec.kind() == LoopKind.PH) {
        return Optional.of(
            "loop " + loopId + " is " + spec.kind().configName() + ": it has no PID gains");
      }
      return now.gains().withPid(kp, ki, kd).problem();
    }

    @Override
    public LoopSettings applyTo(LoopSettings settings) {
      return settings.withGains(settings.gains().withPid(kp, ki, kd));
    }
  }

  /** The range the loop's output stays in, within what the loop's config allows. */
  record SetOutputLimits(String loopId, double min, double max) implements LoopChange {
    @Override
    public Optional<String> problem(LoopSpec spec, LoopSettings now) {
      double cap = spec.outputLimit().max();
      if (!(min >= 0 && min < max && max <= cap)) {
        return Optional.of(
            format("output limits must satisfy 0 <= min < max <= %s, got %s..%s", cap, min, max));
      }
      return Optional.empty();
    }

    @Override
    public LoopSettings applyTo(LoopSettings settings) {
      return settings.withOutputRange(min, max);
    }
  }

  /**
   * Follow a setpoint profile from now on. {@code startSetpoint} and {@code startedAtMillis} are
   * filled in by the controller when it applies the change: the setpoint it was at, and its clock.
   */
  record RunProfile(
      String loopId,
      String name,
      java.util.List<SetpointProfile.Segment> segments,
      Double startSetpoint,
      Long startedAtMillis)
      implements LoopChange {
    @Override
    public Optional<String> problem(LoopSpec spec, LoopSettings now) {
      return SetpointProfile.problem(loopId, segments, spec);
    }

    @Override
    public LoopSettings applyTo(LoopSettings settings) {
      return settings.withProfile(
          new SetpointProfile(name, segments, startSetpoint, startedAtMillis));
    }

    RunProfile startingAt(double setpoint, long nowMillis) {
      return new RunProfile(loopId, name, segments, setpoint, nowMillis);
    }
  }

  /**
   * End the running profile; the loop holds {@code holdSetpoint}, filled in by the controller with
   * the setpoint the profile had reached.
   */
  record StopProfile(String loopId, Double holdSetpoint, Long atMillis) implements LoopChange {
    @Override
    public Optional<String> problem(LoopSpec spec, LoopSettings now) {
      return now.runningProfile(atMillis).isPresent()
          ? Optional.empty()
          : Optional.of("loop " + loopId + " runs no profile");
    }

    @Override
    public LoopSettings applyTo(LoopSettings settings) {
      return settings.withSetpoint(holdSetpoint, 0);
    }
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
