package io.forelight.frms.coordinator.link;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.forelight.frms.coordinator.CborSerializable;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A change an operator asks of a reactor, delivered through the Reactor entity's outbox. The
 * reactor checks it against its own state; here only its shape is checked ({@link #problem}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ReactorCommand.SetSensorInterval.class, name = "set-sensor-interval"),
  @JsonSubTypes.Type(value = ReactorCommand.SetSensorEnabled.class, name = "set-sensor-enabled"),
  @JsonSubTypes.Type(value = ReactorCommand.AddSensor.class, name = "add-sensor"),
  @JsonSubTypes.Type(value = ReactorCommand.RemoveSensor.class, name = "remove-sensor")
})
public sealed interface ReactorCommand extends CborSerializable {

  Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
  long MIN_INTERVAL_MILLIS = 10;
  long MAX_INTERVAL_MILLIS = 86_400_000;

  String sensorId();

  /** Why the command cannot be sent as it is, if it cannot. */
  default Optional<String> problem() {
    if (sensorId() == null || !ID.matcher(sensorId()).matches()) {
      return Optional.of(
          "sensorId must be 1-63 letters, digits, '-' or '_', got '" + sensorId() + "'");
    }
    return Optional.empty();
  }

  record SetSensorInterval(String sensorId, long intervalMillis) implements ReactorCommand {
    @Override
    public Optional<String> problem() {
      return ReactorCommand.super.problem().or(() -> interval(intervalMillis));
    }
  }

  record SetSensorEnabled(String sensorId, boolean enabled) implements ReactorCommand {}

  record AddSensor(
      String sensorId,
      String kind,
      String driver,
      String unit,
      long intervalMillis,
      Map<String, String> settings)
      implements ReactorCommand {
    public AddSensor {
      settings = settings == null ? Map.of() : Map.copyOf(settings);
      unit = unit == null ? "" : unit;
    }

    @Override
    public Optional<String> problem() {
      return ReactorCommand.super
          .problem()
          .or(
              () ->
                  kind == null || kind.isBlank()
                      ? Optional.of("kind is required")
                      : Optional.empty())
          .or(
              () ->
                  driver == null || driver.isBlank()
                      ? Optional.of("driver is required")
                      : Optional.empty())
          .or(() -> interval(intervalMillis));
    }
  }

  record RemoveSensor(String sensorId) implements ReactorCommand {}

  private static Optional<String> interval(long millis) {
    return millis < MIN_INTERVAL_MILLIS || millis > MAX_INTERVAL_MILLIS
        ? Optional.of(
            "intervalMillis must be "
                + MIN_INTERVAL_MILLIS
                + ".."
                + MAX_INTERVAL_MILLIS
                + ", got "
                + millis)
        : Optional.empty();
  }
}
