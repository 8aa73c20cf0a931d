package io.forelight.frms.link;

import io.forelight.frms.link.v1.AddSensor;
import io.forelight.frms.link.v1.CommandRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a command must look like to be sent or applied, in one place for both sides: the coordinator
 * refuses a command that breaks these rules when it is submitted (400), the reactor when it arrives
 * (INVALID_ARGUMENT), with the same words. What only the reactor can judge (does the sensor exist,
 * is the driver installed, is the unit known for the kind) it judges itself.
 */
public final class CommandRules {

  /** Reactor, sensor and actuator ids: they name actors, files and rows. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

  public static final Duration MIN_INTERVAL = Duration.ofMillis(10);
  public static final Duration MAX_INTERVAL = Duration.ofHours(24);

  private CommandRules() {}

  /** Why the command cannot be sent or applied as it is, if it cannot. */
  public static Optional<String> problem(CommandRequest request) {
    return switch (request.getCommandCase()) {
      case SET_SENSOR_INTERVAL ->
          sensorId(request.getSetSensorInterval().getSensorId())
              .or(() -> interval(request.getSetSensorInterval().getIntervalMillis()));
      case SET_SENSOR_ENABLED -> sensorId(request.getSetSensorEnabled().getSensorId());
      case ADD_SENSOR -> addSensor(request.getAddSensor());
      case REMOVE_SENSOR -> sensorId(request.getRemoveSensor().getSensorId());
      case COMMAND_NOT_SET -> Optional.of("the request names no command");
    };
  }

  public static boolean validId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static Optional<String> addSensor(AddSensor add) {
    return sensorId(add.getSensorId())
        .or(() -> add.getKind().isBlank() ? Optional.of("kind is required") : Optional.empty())
        .or(() -> add.getDriver().isBlank() ? Optional.of("driver is required") : Optional.empty())
        .or(() -> interval(add.getIntervalMillis()));
  }

  private static Optional<String> sensorId(String id) {
    return validId(id)
        ? Optional.empty()
        : Optional.of(
            "sensorId must be 1-63 letters, digits, '-' or '_', starting with a letter or digit,"
                + " got '"
                + id
                + "'");
  }

  private static Optional<String> interval(long millis) {
    return millis < MIN_INTERVAL.toMillis() || millis > MAX_INTERVAL.toMillis()
        ? Optional.of(
            "intervalMillis must be "
                + MIN_INTERVAL.toMillis()
                + ".."
                + MAX_INTERVAL.toMillis()
                + " (10 ms to 24 h), got "
                + millis)
        : Optional.empty();
  }
}
