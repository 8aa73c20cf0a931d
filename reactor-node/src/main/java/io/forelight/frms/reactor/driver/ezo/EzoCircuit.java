package io.forelight.frms.reactor.driver.ezo;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Atlas Scientific EZO circuits FRMS reads, by sensor kind: their default I2C address and how
 * long a reading ("R") takes to process, from the circuits' datasheets.
 */
public enum EzoCircuit {
  PH("ph", 0x63, Duration.ofMillis(900)),
  DISSOLVED_OXYGEN("dissolved-oxygen", 0x61, Duration.ofMillis(600)),
  RTD_TEMPERATURE("temperature", 0x66, Duration.ofMillis(600)),
  CONDUCTIVITY("conductivity", 0x64, Duration.ofMillis(600)),
  ORP("orp", 0x62, Duration.ofMillis(900));

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

  EzoCircuit(String kind, int defaultAddress, Duration readingDelay) {
    this.kind = kind;
    this.defaultAddress = defaultAddress;
    this.readingDelay = readingDelay;
  }

  public static Optional<EzoCircuit> forKind(String kind) {
    return Optional.ofNullable(BY_KIND.get(kind));
  }
}
