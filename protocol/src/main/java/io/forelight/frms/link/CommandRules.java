package io.forelight.frms.link;

import io.forelight.frms.link.v1.AddSensor;
import io.forelight.frms.link.v1.CalibrateProbe;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.ProfileSegment;
import io.forelight.frms.link.v1.RunProfile;
import io.forelight.frms.link.v1.SetOutputLimits;
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
      case SET_LOOP_MODE ->
          loopId(request.getSetLoopMode().getLoopId())
              .or(() -> mode(request.getSetLoopMode().getMode()));
      case SET_SETPOINT ->
          loopId(request.getSetSetpoint().getLoopId())
              .or(() -> finite("setpoint", request.getSetSetpoint().getSetpoint()))
              .or(() -> atLeastZero("rampPerMinute", request.getSetSetpoint().getRampPerMinute()));
      case SET_LOOP_OUTPUT ->
          loopId(request.getSetLoopOutput().getLoopId())
              .or(() -> finite("output", request.getSetLoopOutput().getOutput()));
      case SET_GAINS ->
          loopId(request.getSetGains().getLoopId())
              .or(() -> atLeastZero("kp", request.getSetGains().getKp()))
              .or(() -> atLeastZero("ki", request.getSetGains().getKi()))
              .or(() -> atLeastZero("kd", request.getSetGains().getKd()));
      case SET_OUTPUT_LIMITS -> outputLimits(request.getSetOutputLimits());
      case CALIBRATE_PROBE -> calibrateProbe(request.getCalibrateProbe());
      case RUN_PROFILE -> runProfile(request.getRunProfile());
      case STOP_PROFILE -> loopId(request.getStopProfile().getLoopId());
      case COMMAND_NOT_SET -> Optional.of("the request names no command");
    };
  }

  /** The modes a loop can be set to. */
  public static final java.util.List<String> LOOP_MODES =
      java.util.List.of("off", "manual", "auto");

  /** The calibration points a probe may be sent (each probe takes those of its kind). */
  public static final java.util.List<String> CALIBRATION_POINTS =
      java.util.List.of(
          "ph-mid",
          "ph-low",
          "ph-high",
          "do-atmospheric",
          "do-zero",
          "ec-dry",
          "ec-low",
          "ec-high",
          "ec-probe-k",
          "orp",
          "clear");

  /** The longest a calibration may wait for a settled reading, and the longest window. */
  public static final Duration MAX_CALIBRATION_WAIT = Duration.ofMinutes(30);

  public static final Duration MAX_STABLE_FOR = Duration.ofMinutes(10);

  /** A setpoint profile's bounds: segments, and each segment's duration. */
  public static final int MAX_PROFILE_SEGMENTS = 100;

  public static final Duration MIN_SEGMENT = Duration.ofSeconds(1);
  public static final Duration MAX_SEGMENT = Duration.ofDays(30);

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
    return id("sensorId", id);
  }

  private static Optional<String> loopId(String id) {
    return id("loopId", id);
  }

  private static Optional<String> id(String field, String id) {
    return validId(id)
        ? Optional.empty()
        : Optional.of(
            field
                + " must be 1-63 letters, digits, '-' or '_', starting with a letter or digit,"
                + " got '"
                + id
                + "'");
  }

  private static Optional<String> mode(String mode) {
    return LOOP_MODES.contains(mode)
        ? Optional.empty()
        : Optional.of("mode must be one of off, manual, auto, got '" + mode + "'");
  }

  private static Optional<String> finite(String name, double value) {
    return Double.isFinite(value)
        ? Optional.empty()
        : Optional.of(name + " must be a finite number, got " + value);
  }

  private static Optional<String> atLeastZero(String name, double value) {
    return value >= 0 && Double.isFinite(value)
        ? Optional.empty()
        : Optional.of(name + " must be a finite number >= 0, got " + value);
  }

  private static Optional<String> calibrateProbe(CalibrateProbe calibrate) {
    return sensorId(calibrate.getSensorId())
        .or(
            () ->
                CALIBRATION_POINTS.contains(calibrate.getPoint())
                    ? Optional.empty()
                    : Optional.of(
                        "point must be one of "
                            + String.join(", ", CALIBRATION_POINTS)
                            + ", got '"
                            + calibrate.getPoint()
                            + "'"))
        .or(() -> finite("value", calibrate.getValue()))
        .or(() -> atLeastZero("band", calibrate.getBand()))
        .or(() -> millis("stableForMillis", calibrate.getStableForMillis(), MAX_STABLE_FOR))
        .or(() -> millis("maxWaitMillis", calibrate.getMaxWaitMillis(), MAX_CALIBRATION_WAIT));
  }

  private static Optional<String> runProfile(RunProfile profile) {
    Optional<String> problem =
        loopId(profile.getLoopId())
            .or(() -> id("name", profile.getName()))
            .or(
                () ->
                    profile.getSegmentsCount() < 1
                            || profile.getSegmentsCount() > MAX_PROFILE_SEGMENTS
                        ? Optional.of(
                            "a profile has 1 to "
                                + MAX_PROFILE_SEGMENTS
                                + " segments, got "
                                + profile.getSegmentsCount())
                        : Optional.empty());
    for (int i = 0; i < profile.getSegmentsCount() && problem.isEmpty(); i++) {
      ProfileSegment segment = profile.getSegments(i);
      String name = "segments[" + i + "].";
      problem =
          finite(name + "setpoint", segment.getSetpoint())
              .or(
                  () ->
                      segment.getDurationMillis() < MIN_SEGMENT.toMillis()
                              || segment.getDurationMillis() > MAX_SEGMENT.toMillis()
                          ? Optional.of(
                              name
                                  + "durationMillis must be "
                                  + MIN_SEGMENT.toMillis()
                                  + ".."
                                  + MAX_SEGMENT.toMillis()
                                  + " (1 s to 30 days), got "
                                  + segment.getDurationMillis())
                          : Optional.empty());
    }
    return problem;
  }

  private static Optional<String> millis(String name, long millis, Duration max) {
    return millis >= 0 && millis <= max.toMillis()
        ? Optional.empty()
        : Optional.of(
            name
                + " must be 0 (the default) to "
                + max.toMillis()
                + " ("
                + max.toMinutes()
                + " min), got "
                + millis);
  }

  private static Optional<String> outputLimits(SetOutputLimits limits) {
    return loopId(limits.getLoopId())
        .or(() -> finite("min", limits.getMin()))
        .or(() -> finite("max", limits.getMax()))
        .or(
            () ->
                limits.getMin() < limits.getMax()
                    ? Optional.empty()
                    : Optional.of(
                        "min must be below max, got " + limits.getMin() + ".." + limits.getMax()));
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
