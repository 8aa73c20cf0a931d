package io.forelight.frms.coordinator.link;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.link.CommandRules;
import java.util.Map;
import java.util.Optional;

/**
 * A change an operator asks of a reactor, delivered through the Reactor entity's outbox. Its shape
 * is checked here by the same rules the reactor applies ({@link #problem}); the reactor also checks
 * it against its own state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ReactorCommand.SetSensorInterval.class, name = "set-sensor-interval"),
  @JsonSubTypes.Type(value = ReactorCommand.SetSensorEnabled.class, name = "set-sensor-enabled"),
  @JsonSubTypes.Type(value = ReactorCommand.AddSensor.class, name = "add-sensor"),
  @JsonSubTypes.Type(value = ReactorCommand.RemoveSensor.class, name = "remove-sensor"),
  @JsonSubTypes.Type(value = ReactorCommand.SetLoopMode.class, name = "set-loop-mode"),
  @JsonSubTypes.Type(value = ReactorCommand.SetSetpoint.class, name = "set-setpoint"),
  @JsonSubTypes.Type(value = ReactorCommand.SetLoopOutput.class, name = "set-loop-output"),
  @JsonSubTypes.Type(value = ReactorCommand.SetGains.class, name = "set-gains"),
  @JsonSubTypes.Type(value = ReactorCommand.SetOutputLimits.class, name = "set-output-limits"),
  @JsonSubTypes.Type(value = ReactorCommand.CalibrateProbe.class, name = "calibrate-probe"),
  @JsonSubTypes.Type(value = ReactorCommand.RunProfile.class, name = "run-profile"),
  @JsonSubTypes.Type(value = ReactorCommand.StopProfile.class, name = "stop-profile")
})
public sealed interface ReactorCommand extends CborSerializable {

  /**
   * Why the command cannot be sent as it is, if it cannot: the rules the reactor applies too
   * ({@link CommandRules}), checked on its wire form.
   */
  default Optional<String> problem() {
    return CommandRules.problem(LinkProtocol.toProto("", new PendingCommand("", "", 0, this)));
  }

  record SetSensorInterval(String sensorId, long intervalMillis) implements ReactorCommand {
    public SetSensorInterval {
      sensorId = sensorId == null ? "" : sensorId;
    }
  }

  record SetSensorEnabled(String sensorId, boolean enabled) implements ReactorCommand {
    public SetSensorEnabled {
      sensorId = sensorId == null ? "" : sensorId;
    }
  }

  record AddSensor(
      String sensorId,
      String kind,
      String driver,
      String unit,
      long intervalMillis,
      Map<String, String> settings)
      implements ReactorCommand {
    public AddSensor {
      sensorId = sensorId == null ? "" : sensorId;
      kind = kind == null ? "" : kind;
      driver = driver == null ? "" : driver;
      settings = settings == null ? Map.of() : Map.copyOf(settings);
      unit = unit == null ? "" : unit;
    }
  }

  record RemoveSensor(String sensorId) implements ReactorCommand {
    public RemoveSensor {
      sensorId = sensorId == null ? "" : sensorId;
    }
  }

  /** Loop commands name a loop of the reactor (its description lists them). */
  record SetLoopMode(String loopId, String mode) implements ReactorCommand {
    public SetLoopMode {
      loopId = loopId == null ? "" : loopId;
      mode = mode == null ? "" : mode;
    }
  }

  /** A setpoint, reached at rampPerMinute units per minute (0: at once). */
  record SetSetpoint(String loopId, double setpoint, double rampPerMinute)
      implements ReactorCommand {
    public SetSetpoint {
      loopId = loopId == null ? "" : loopId;
    }
  }

  /** The output held in manual mode (0..1 of full scale; ph loops: mL per period, base > 0). */
  record SetLoopOutput(String loopId, double output) implements ReactorCommand {
    public SetLoopOutput {
      loopId = loopId == null ? "" : loopId;
    }
  }

  record SetGains(String loopId, double kp, double ki, double kd) implements ReactorCommand {
    public SetGains {
      loopId = loopId == null ? "" : loopId;
    }
  }

  record SetOutputLimits(String loopId, double min, double max) implements ReactorCommand {
    public SetOutputLimits {
      loopId = loopId == null ? "" : loopId;
    }
  }

  /**
   * A setpoint profile the reactor runs by itself from when it applies the command: each segment
   * holds its setpoint for durationMillis, or ramps to it from where the previous one ended.
   */
  record RunProfile(String loopId, String name, java.util.List<ProfileSegment> segments)
      implements ReactorCommand {
    public RunProfile {
      loopId = loopId == null ? "" : loopId;
      name = name == null ? "" : name;
      segments = segments == null ? java.util.List.of() : java.util.List.copyOf(segments);
    }

    /** For people: {@code temperature 'warm-up': 30 for 2 h, ramp to 37 over 1 h}. */
    public String summary() {
      StringBuilder text = new StringBuilder(loopId + " '" + name + "': ");
      for (int i = 0; i < segments.size(); i++) {
        ProfileSegment segment = segments.get(i);
        text.append(i == 0 ? "" : ", ")
            .append(segment.ramp() ? "ramp to " : "")
            .append(segment.setpoint())
            .append(segment.ramp() ? " over " : " for ")
            .append(duration(segment.durationMillis() / 1000.0));
      }
      return text.toString();
    }

    private static String duration(double seconds) {
      if (seconds >= 3600 && seconds % 3600 == 0) {
        return (long) (seconds / 3600) + " h";
      }
      if (seconds >= 60 && seconds % 60 == 0) {
        return (long) (seconds / 60) + " min";
      }
      return String.format(java.util.Locale.ROOT, "%.0f s", seconds);
    }

    /** The same profile under another name. */
    public RunProfile named(String newName) {
      return new RunProfile(loopId, newName, segments);
    }
  }

  /** One segment of a profile: hold, or ramp to, {@code setpoint} over {@code durationMillis}. */
  record ProfileSegment(double setpoint, long durationMillis, boolean ramp)
      implements CborSerializable {}

  /** Ends the running profile; the loop holds the setpoint the profile had reached. */
  record StopProfile(String loopId) implements ReactorCommand {
    public StopProfile {
      loopId = loopId == null ? "" : loopId;
    }
  }

  /**
   * One guided calibration point (the probe's description lists its points): the reactor waits
   * until the reading stays within {@code band} for {@code stableForMillis}, then sends the point;
   * zeros mean the reactor's defaults. The outbox shows the command waiting while it settles.
   */
  record CalibrateProbe(
      String sensorId,
      String point,
      double value,
      double band,
      long stableForMillis,
      long maxWaitMillis)
      implements ReactorCommand {
    public CalibrateProbe {
      sensorId = sensorId == null ? "" : sensorId;
      point = point == null ? "" : point;
    }
  }
}
