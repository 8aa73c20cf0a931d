package io.forelight.frms.reactor.driver.simulated;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A 1 L stirred, aerated batch culture that answers its actuators, simple but physically plausible:
 *
 * <ul>
 *   <li>Temperature: a 60 W heater warms a jacket (400 J/K) that warms the broth (4186 J/K); the
 *       broth loses heat to a room whose temperature swings ±2 °C over two hours.
 *   <li>Dissolved oxygen (% air saturation): transfer kLa·(100 − DO), kLa growing with stirrer
 *       speed and air flow, against the cells' uptake.
 *   <li>pH: growth makes acid; acid and base doses (1 M, 10 mmol/L/pH buffer) move it after a few
 *       seconds of mixing; CO₂ from respiration lowers it and aeration strips it.
 *   <li>Biomass: Monod growth on glucose, slowed away from 37 °C and at low oxygen.
 * </ul>
 *
 * Inputs nobody drives are held by a built-in regulator (a thermostat near 37 °C, half stirrer and
 * air, base below pH 6.9), so a reactor with sensors but no actuators still shows a healthy
 * culture. Deterministic for a given {@link Culture} and noise seed; time comes from {@code
 * nanoTime} scaled by {@code timeScale} (60 = one hour of culture per minute), so tests run it on a
 * simulated clock.
 */
public final class SimulatedBioreactor {

  /** What a simulated sensor can measure. */
  public enum Quantity {
    TEMPERATURE,
    DISSOLVED_OXYGEN,
    DISSOLVED_OXYGEN_SATURATION,
    PH,
    CONDUCTIVITY,
    BIOMASS,
    STIRRER_SPEED
  }

  /**
   * What a simulated actuator drives: heater power, stirrer speed and air flow as fractions 0..1 of
   * their maximum; acid and base as pump flow in mL/s.
   */
  public enum Input {
    HEATER,
    STIRRER,
    AIR,
    ACID,
    BASE
  }

  private static final double HEATER_WATTS = 150;
  private static final double BROTH_J_PER_K = 4186;
  private static final double JACKET_J_PER_K = 400;
  private static final double JACKET_TO_BROTH_W_PER_K = 8;
  private static final double BROTH_TO_ROOM_W_PER_K = 1.5;
  private static final double MAX_RPM = 1200;
  private static final double KS_GLUCOSE = 0.5; // g/L
  private static final double YIELD = 0.5; // g biomass per g glucose
  private static final double KO_PERCENT = 5; // % air saturation
  private static final double BUFFER_MMOL_PER_PH = 10; // per litre
  private static final double MIXING_S = 8;
  private static final double CO2_PH_EFFECT = 0.002; // pH per unit of dissolved CO2
  private static final double MAX_STEP_S = 0.5;

  private final Random random;
  private final LongSupplier nanoTime;
  private final double timeScale;
  private final Culture culture;
  private final Map<Input, Double> levels = new EnumMap<>(Input.class);
  private final Set<Input> driven = EnumSet.noneOf(Input.class);
  private final Map<String, SimulatedProbe> probes = new java.util.HashMap<>();
  private long lastNanos;
  private double cultureSeconds;
  private double temperature;
  private double jacket;
  private double oxygen = 100;
  private double bufferPh = 7.0;
  private double co2;
  private double unmixedMmol; // base minus acid dosed but not yet mixed in
  private double biomass;
  private double glucose;
  private double baseMl;

  /** A culture drawn from the seed, on the wall clock. */
  public SimulatedBioreactor(long seed, double timeScale) {
    this(Culture.fromSeed(seed), seed, timeScale, System::nanoTime);
  }

  public SimulatedBioreactor(
      Culture culture, long noiseSeed, double timeScale, LongSupplier nanoTime) {
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("time scale must be positive, got " + timeScale);
    }
    this.random = new Random(noiseSeed);
    this.timeScale = timeScale;
    this.nanoTime = nanoTime;
    this.lastNanos = nanoTime.getAsLong();
    this.culture = culture;
    this.temperature = culture.temperature();
    this.jacket = culture.temperature();
    this.biomass = culture.biomass();
    this.glucose = culture.glucose();
    for (Input input : Input.values()) {
      levels.put(input, 0.0);
    }
  }

  /** The quantity now, with Gaussian measurement noise of the given standard deviation. */
  public synchronized double measure(Quantity quantity, double noise) {
    advance();
    return value(quantity) + random.nextGaussian() * noise;
  }

  /**
   * Sets an input from now on (see {@link Input} for units); from the first call on, the built-in
   * regulator of that input stands down.
   */
  public synchronized void drive(Input input, double level) {
    if (!(level >= 0) || Double.isInfinite(level)) {
      throw new IllegalArgumentException(input + " level must be a number >= 0, got " + level);
    }
    advance();
    driven.add(input);
    levels.put(input, input == Input.ACID || input == Input.BASE ? level : Math.min(1, level));
  }

  /** A uniform random number for fault injection, from the same seeded source. */
  /** The simulated probe of a sensor of this node, made on first use. */
  synchronized SimulatedProbe probe(
      String sensorId, java.util.function.Supplier<SimulatedProbe> make) {
    return probes.computeIfAbsent(sensorId, id -> make.get());
  }

  public synchronized double nextRandom() {
    return random.nextDouble();
  }

  /** Culture time in seconds since the vessel was made. */
  public synchronized double cultureSeconds() {
    advance();
    return cultureSeconds;
  }

  /** The cells' oxygen uptake now, in % air saturation per hour. */
  public synchronized double oxygenUptakePerHour() {
    advance();
    return uptakePerSecond(growthRate()) * 3600;
  }

  synchronized double value(Quantity quantity) {
    return switch (quantity) {
      case TEMPERATURE -> temperature;
      case DISSOLVED_OXYGEN -> oxygen / 100 * saturationMgPerL(temperature);
      case DISSOLVED_OXYGEN_SATURATION -> oxygen;
      case PH -> bufferPh - CO2_PH_EFFECT * co2;
      case CONDUCTIVITY -> 1500 + 180 * biomass + 40 * baseMl;
      case BIOMASS -> biomass;
      case STIRRER_SPEED -> level(Input.STIRRER) * MAX_RPM;
    };
  }

  private void advance() {
    long now = nanoTime.getAsLong();
    double elapsed = (now - lastNanos) / 1e9 * timeScale;
    lastNanos = now;
    int steps = (int) Math.min(200_000, Math.ceil(elapsed / MAX_STEP_S));
    for (int i = 0; i < steps; i++) {
      step(elapsed / steps);
    }
  }

  private double level(Input input) {
    if (driven.contains(input)) {
      return levels.get(input);
    }
    return switch (input) {
      case HEATER -> {
        double holding = BROTH_TO_ROOM_W_PER_K * (37.0 - culture.roomTemperature()) / HEATER_WATTS;
        yield Math.max(0, Math.min(1, holding + 0.8 * (37.0 - temperature)));
      }
      case STIRRER, AIR -> 0.5;
      case ACID -> 0;
      case BASE -> value(Quantity.PH) < 6.9 ? 0.01 : 0;
    };
  }

  private double growthRate() {
    double temperatureFactor = Math.exp(-Math.pow((temperature - 37.0) / 6.0, 2));
    double oxygenFactor = oxygen / (KO_PERCENT + oxygen);
    return culture.muMaxPerHour()
        / 3600
        * glucose
        / (KS_GLUCOSE + glucose)
        * temperatureFactor
        * oxygenFactor;
  }

  private double uptakePerSecond(double growth) {
    return culture.oxygenDemand() / 3600 * biomass * growth / (culture.muMaxPerHour() / 3600);
  }

  private void step(double dt) {
    cultureSeconds += dt;
    double growth = growthRate();
    double uptake = uptakePerSecond(growth);
    double newBiomass = Math.min(growth * biomass * dt, glucose * YIELD);
    biomass += newBiomass;
    glucose = Math.max(0, glucose - newBiomass / YIELD);

    double room = culture.roomTemperature() + 2.0 * Math.sin(2 * Math.PI * cultureSeconds / 7200);
    double toBroth = JACKET_TO_BROTH_W_PER_K * (jacket - temperature);
    jacket += (HEATER_WATTS * level(Input.HEATER) - toBroth) / JACKET_J_PER_K * dt;
    temperature += (toBroth - BROTH_TO_ROOM_W_PER_K * (temperature - room)) / BROTH_J_PER_K * dt;

    double stirrer = level(Input.STIRRER);
    double air = level(Input.AIR);
    double kla = (2 + 150 * Math.pow(stirrer, 1.5) * Math.pow(0.1 + air, 0.6)) / 3600;
    oxygen = Math.max(0, oxygen + (kla * (100 - oxygen) - uptake) * dt);
    co2 = Math.max(0, co2 + (0.8 * uptake - kla * co2) * dt);

    double base = level(Input.BASE) * dt;
    double acid = level(Input.ACID) * dt;
    baseMl += base;
    unmixedMmol += base - acid; // 1 M: 1 mmol per mL
    double mixed = unmixedMmol * Math.min(1, dt / MIXING_S);
    unmixedMmol -= mixed;
    bufferPh += mixed / BUFFER_MMOL_PER_PH - culture.acidPerBiomass() * newBiomass;
  }

  /** Oxygen solubility in water at 1 atm air, mg/L (Benson and Krause fit). */
  private static double saturationMgPerL(double t) {
    return 14.62 - 0.3898 * t + 0.006969 * t * t - 0.00005897 * t * t * t;
  }
}
