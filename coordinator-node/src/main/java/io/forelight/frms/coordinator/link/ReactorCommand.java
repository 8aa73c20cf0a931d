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
  @JsonSubTypes.Type(value = ReactorCommand.RemoveSensor.class, name = "remove-sensor")
})
public sealed interface ReactorCommand extends CborSerializable {

  String sensorId();

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
}
