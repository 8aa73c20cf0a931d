package io.forelight.frms.reactor.driver.ezo;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Atlas Scientific EZO circuits FRMS reads, by sensor kind: their default I2C address and how
 * long a reading ("R") takes to process, from the circuits' datasheets.
 */
public enum EzoCircuit {
  PH("ph", 0x63, Duration.ofMillis(900), true),
  DISSOLVED_OXYGEN("dissolved-oxygen", 0x61, Duration.ofMillis(600), true),
  RTD_TEMPERATURE("temperature", 0x66, Duration.ofMillis(600), false),
  CONDUCTIVITY("conductivity", 0x64, Duration.ofMillis(600), true),
  ORP("orp", 0x62, Duration.ofMillis(900), false);

  private static final Map<String, EzoCircuit> BY_KIND =
      Map.of(
          "ph", PH,
          "dissolved-oxygen", DISSOLVED_OXYGEN,
          "temperature", RTD_TEMPERATURE,
          "conductivity", CONDUCTIVITY,
          "orp", ORP);

  public final String kind;
  public final int defaultAddress;
  public final Duration readingDelay;

  /** Whether the circuit's readings depend on temperature ("T,n" / "RT,n" compensate them). */
  public final boolean compensated;

  EzoCircuit(String kind, int defaultAddress, Duration readingDelay, boolean compensated) {
    this.kind = kind;
    this.defaultAddress = defaultAddress;
    this.readingDelay = readingDelay;
    this.compensated = compensated;
  }

  /** The calibration points this circuit takes ({@code clear} included); none for the RTD. */
  public Set<CalibrationPoint> calibrationPoints() {
    if (this == RTD_TEMPERATURE) {
      return Set.of();
    }
    Set<CalibrationPoint> points = EnumSet.of(CalibrationPoint.CLEAR);
    for (CalibrationPoint point : CalibrationPoint.values()) {
      if (point.kind().equals(kind)) {
        points.add(point);
      }
    }
    return Set.copyOf(points);
  }

  public static Optional<EzoCircuit> forKind(String kind) {
    return Optional.ofNullable(BY_KIND.get(kind));
  }
}
