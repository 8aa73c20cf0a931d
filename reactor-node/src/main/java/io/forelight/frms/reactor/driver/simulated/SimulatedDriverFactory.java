package io.forelight.frms.reactor.driver.simulated;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.SensorDriver;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Quantity;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code driver = simulated}: reads the node's {@link SimulatedBioreactor}. Settings: {@code
 * signal} (temperature, dissolved-oxygen (in % air saturation when the sensor's unit is "%"),
 * dissolved-oxygen-saturation, ph, conductivity, biomass, stirrer-speed; default from the kind),
 * {@code noise} (standard deviation), {@code read-delay}, and for exercising error paths {@code
 * fault} (error, hang, garbage, nan) with {@code fault-every} (every n-th read faults), {@code
 * fault-after} and {@code fault-for} (only in that window after the node started; default always).
 * pH and DO probes read off by {@code offset} (default pH 0.12, DO -4 % or -0.3 mg/L) growing by
 * {@code drift} per hour until calibrated ({@link SimulatedProbe}).
 */
public final class SimulatedDriverFactory implements SensorDriverFactory {

  private static final Map<Quantity, Double> DEFAULT_NOISE =
      Map.of(
          Quantity.TEMPERATURE, 0.02,
          Quantity.DISSOLVED_OXYGEN, 0.03,
          Quantity.DISSOLVED_OXYGEN_SATURATION, 0.5,
          Quantity.STIRRER_SPEED, 5.0,
          Quantity.PH, 0.005,
          Quantity.CONDUCTIVITY, 3.0,
          Quantity.BIOMASS, 0.01);

  /** How a simulated driver misbehaves on purpose. */
  public enum Fault {
    NONE,
    ERROR,
    HANG,
    GARBAGE,
    NAN
  }

  private final long startedNanos = System.nanoTime();

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public Set<String> settings() {
    return Set.of(
        "signal",
        "noise",
        "read-delay",
        "fault",
        "fault-every",
        "fault-after",
        "fault-for",
        "offset",
        "drift");
  }

  @Override
  public void validate(String configPath, SensorSpec spec) {
    quantity(configPath, spec);
    fault(configPath, spec);
    number(configPath, spec, "noise", 0);
    number(configPath, spec, "fault-every", 0);
    signed(configPath, spec, "offset", 0);
    signed(configPath, spec, "drift", 0);
    for (String key : new String[] {"read-delay", "fault-after", "fault-for"}) {
      spec.setting(key).ifPresent(value -> duration(configPath + "." + key, value));
    }
  }

  @Override
  public SensorDriver open(SensorSpec spec, DriverContext context) {
    String path = "sensor " + spec.id();
    Quantity quantity = quantity(path, spec);
    double noise = number(path, spec, "noise", DEFAULT_NOISE.get(quantity));
    Fault fault = fault(path, spec);
    long faultEvery = (long) number(path, spec, "fault-every", fault == Fault.NONE ? 0 : 1);
    Duration readDelay =
        spec.setting("read-delay").map(v -> duration(path, v)).orElse(Duration.ZERO);
    long faultFrom =
        startedNanos
            + spec.setting("fault-after")
                .map(v -> duration(path, v))
                .orElse(Duration.ZERO)
                .toNanos();
    long faultUntil =
        spec.setting("fault-for")
            .map(v -> faultFrom + duration(path, v).toNanos())
            .orElse(faultFrom + Long.MAX_VALUE / 2);
    return new SimulatedDriver(
        context.bioreactor(),
        quantity,
        noise,
        fault,
        faultEvery,
        readDelay,
        faultFrom,
        faultUntil,
        probe(path, spec, quantity, context.bioreactor()));
  }

  /** pH and DO probes drift until calibrated; {@code offset 0, drift 0} makes them exact. */
  @Override
  public Set<CalibrationPoint> calibrationPoints(SensorSpec spec) {
    if (!SimulatedProbe.CALIBRATABLE.contains(quantity("sensor " + spec.id(), spec))) {
      return Set.of();
    }
    Set<CalibrationPoint> points = EnumSet.of(CalibrationPoint.CLEAR);
    for (CalibrationPoint point : CalibrationPoint.values()) {
      if (point.kind().equals(spec.kind())) {
        points.add(point);
      }
    }
    return Set.copyOf(points);
  }

  /**
   * The probe of a sensor, kept by the node's bioreactor across driver restarts (its calibration
   * lives in the probe, as an EZO circuit keeps its own); null for quantities that do not drift.
   */
  private SimulatedProbe probe(
      String path, SensorSpec spec, Quantity quantity, SimulatedBioreactor bioreactor) {
    if (!SimulatedProbe.CALIBRATABLE.contains(quantity)) {
      return null;
    }
    double offset = signed(path, spec, "offset", SimulatedProbe.defaultOffset(quantity));
    double drift = signed(path, spec, "drift", SimulatedProbe.defaultDrift(quantity));
    return bioreactor.probe(
        spec.id(), () -> new SimulatedProbe(quantity, offset, drift, bioreactor.cultureSeconds()));
  }

  private static double signed(String path, SensorSpec spec, String key, double fallback) {
    return number(path, spec, key, fallback, Double.NEGATIVE_INFINITY);
  }

  private static Quantity quantity(String path, SensorSpec spec) {
    String signal = spec.setting("signal").orElse(spec.kind());
    if (signal.equals("dissolved-oxygen") && spec.unit().equals("%")) {
      return Quantity.DISSOLVED_OXYGEN_SATURATION; // % air saturation rather than mg/L
    }
    try {
      return Quantity.valueOf(signal.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem(
          path + ".signal",
          "'" + signal + "'",
          "must be one of temperature, dissolved-oxygen, dissolved-oxygen-saturation, ph,"
              + " conductivity, biomass, stirrer-speed");
    }
  }

  private static Fault fault(String path, SensorSpec spec) {
    String fault = spec.setting("fault").orElse("none");
    try {
      return Fault.valueOf(fault.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem(
          path + ".fault", "'" + fault + "'", "must be one of none, error, hang, garbage, nan");
    }
  }

  private static double number(String path, SensorSpec spec, String key, double fallback) {
    return number(path, spec, key, fallback, 0);
  }

  /** The setting as a finite number of at least {@code min}, or {@code fallback} if absent. */
  private static double number(
      String path, SensorSpec spec, String key, double fallback, double min) {
    String value = spec.setting(key).orElse(null);
    if (value == null) {
      return fallback;
    }
    try {
      double number = Double.parseDouble(value);
      if (!(number >= min) || !Double.isFinite(number)) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new ConfigProblem(
          path + "." + key,
          "'" + value + "'",
          min == 0 ? "must be a number >= 0" : "must be a finite number");
    }
  }

  private static Duration duration(String path, String value) {
    try {
      return com.typesafe.config.ConfigFactory.parseString("d = " + value).getDuration("d");
    } catch (RuntimeException e) {
      throw new ConfigProblem(path, "'" + value + "'", "must be a duration such as 750ms");
    }
  }
}
