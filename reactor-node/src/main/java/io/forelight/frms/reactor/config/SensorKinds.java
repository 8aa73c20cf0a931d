package io.forelight.frms.reactor.config;

import java.util.Map;
import java.util.Optional;

/**
 * What FRMS knows about common kinds of sensor: their usual unit and the values a bioreactor can
 * plausibly show (outside it a reading is SUSPECT). Other kinds are allowed; they name their unit.
 */
public final class SensorKinds {

  /** A closed interval of plausible values. */
  public record Range(double min, double max) {
    public boolean contains(double value) {
      return value >= min && value <= max;
    }
  }

  private record Kind(String unit, Range range) {}

  private static final Map<String, Kind> KNOWN =
      Map.of(
          "temperature", new Kind("°C", new Range(-20, 150)),
          "dissolved-oxygen", new Kind("mg/L", new Range(0, 100)),
          "ph", new Kind("pH", new Range(0, 14)),
          "conductivity", new Kind("µS/cm", new Range(0, 500_000)),
          "orp", new Kind("mV", new Range(-1100, 1100)));

  private SensorKinds() {}

  public static Optional<String> defaultUnit(String kind) {
    return Optional.ofNullable(KNOWN.get(kind)).map(Kind::unit);
  }

  public static Optional<Range> defaultRange(String kind) {
    return Optional.ofNullable(KNOWN.get(kind)).map(Kind::range);
  }
}
