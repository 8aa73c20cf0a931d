package io.forelight.frms.reactor.driver.simulated;

import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A stirred, aerated batch culture, simple but physically plausible: Monod growth of biomass on
 * glucose, limited by temperature and oxygen; oxygen transfer from air (kLa) against the uptake of
 * the cells; acid from growth against base dosing; a heater holding about 37 °C against a room
 * whose temperature drifts. The simulated sensors of one reactor node all read this one vessel.
 * {@code timeScale} runs culture time faster than wall time (60 = one hour per minute).
 */
public final class SimulatedBioreactor {

  /** What a simulated sensor can measure. */
  public enum Quantity {
    TEMPERATURE,
    DISSOLVED_OXYGEN,
    PH,
    CONDUCTIVITY,
    BIOMASS
  }

  private static final double MU_MAX_PER_S = 0.5 / 3600; // 0.5 per hour
  private static final double KS_GLUCOSE = 0.5; // g/L
  private static final double YIELD = 0.5; // g biomass per g glucose
  private static final double KO = 0.3; // mg/L
  private static final double KLA_PER_S = 40.0 / 3600; // 40 per hour
  private static final double UPTAKE_MG_PER_G_S = 0.02; // at full growth rate
  private static final double MAX_STEP_S = 0.5;

  private final Random random;
  private final LongSupplier nanoTime;
  private final double timeScale;
  private long lastNanos;
  private double cultureSeconds;
  private double temperature = 37.0;
  private double dissolvedOxygen = 6.7;
  private double ph = 7.0;
  private double biomass = 0.2;
  private double glucose = 20.0;
  private double baseAdded;

  public SimulatedBioreactor(long seed, double timeScale) {
    this(seed, timeScale, System::nanoTime);
  }

  SimulatedBioreactor(long seed, double timeScale, LongSupplier nanoTime) {
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("time scale must be positive, got " + timeScale);
    }
    this.random = new Random(seed);
    this.timeScale = timeScale;
    this.nanoTime = nanoTime;
    this.lastNanos = nanoTime.getAsLong();
  }

  /** The quantity now, with Gaussian measurement noise of the given standard deviation. */
  public synchronized double measure(Quantity quantity, double noise) {
    advance();
    return value(quantity) + random.nextGaussian() * noise;
  }

  /** A uniform random number for fault injection, from the same seeded source. */
  public synchronized double nextRandom() {
    return random.nextDouble();
  }

  synchronized double value(Quantity quantity) {
    return switch (quantity) {
      case TEMPERATURE -> temperature;
      case DISSOLVED_OXYGEN -> dissolvedOxygen;
      case PH -> ph;
      case CONDUCTIVITY -> 1500 + 180 * biomass + 400 * baseAdded;
      case BIOMASS -> biomass;
    };
  }

  private void advance() {
    long now = nanoTime.getAsLong();
    double elapsed = (now - lastNanos) / 1e9 * timeScale;
    lastNanos = now;
    int steps = (int) Math.min(20_000, Math.ceil(elapsed / MAX_STEP_S));
    for (int i = 0; i < steps; i++) {
      step(elapsed / steps);
    }
  }

  private void step(double dt) {
    cultureSeconds += dt;
    double temperatureFactor = Math.exp(-Math.pow((temperature - 37.0) / 6.0, 2));
    double oxygenFactor = dissolvedOxygen / (KO + dissolvedOxygen);
    double growth =
        MU_MAX_PER_S * glucose / (KS_GLUCOSE + glucose) * temperatureFactor * oxygenFactor;
    double newBiomass = growth * biomass * dt;
    biomass += newBiomass;
    glucose = Math.max(0, glucose - newBiomass / YIELD);

    double t = temperature;
    double saturation = 14.62 - 0.3898 * t + 0.006969 * t * t - 0.00005897 * t * t * t;
    double uptake = UPTAKE_MG_PER_G_S * biomass * growth / MU_MAX_PER_S;
    dissolvedOxygen += (KLA_PER_S * (saturation - dissolvedOxygen) - uptake) * dt;
    dissolvedOxygen = Math.max(0, dissolvedOxygen);

    double room = 21.0 + 2.0 * Math.sin(2 * Math.PI * cultureSeconds / 7200);
    double heater = Math.max(0, Math.min(1, 0.4 + 0.8 * (37.0 - temperature)));
    temperature += (0.02 * heater - 0.0005 * (temperature - room)) * dt;

    double base = ph < 6.9 ? 0.0005 : 0;
    baseAdded += base * dt;
    ph += -0.05 * newBiomass + base * dt;
  }
}
