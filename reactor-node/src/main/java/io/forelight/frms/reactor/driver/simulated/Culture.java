package io.forelight.frms.reactor.driver.simulated;

import java.util.Random;

/**
 * The parameters of one simulated cultivation: the organism's growth and oxygen demand, how much
 * acid it makes, and where the vessel starts. {@link #fromSeed} draws them around typical values so
 * that reactors with different seeds behave differently but plausibly (a 1 L stirred vessel with an
 * E. coli like culture on glucose).
 *
 * @param muMaxPerHour maximum specific growth rate
 * @param oxygenDemand oxygen uptake at full growth, in % air saturation per hour per g/L biomass
 * @param acidPerBiomass pH units the growth of 1 g/L biomass would take off an unbuffered medium
 * @param biomass starting biomass, g/L
 * @param glucose starting glucose, g/L
 * @param temperature starting temperature, °C
 * @param roomTemperature mean room temperature, °C (it swings ±2 °C over two hours)
 */
public record Culture(
    double muMaxPerHour,
    double oxygenDemand,
    double acidPerBiomass,
    double biomass,
    double glucose,
    double temperature,
    double roomTemperature) {

  /** A typical culture: the one seed 0 varies around. */
  public static final Culture TYPICAL = new Culture(0.5, 1000, 0.8, 0.5, 20, 37, 21);

  /** A culture drawn around {@link #TYPICAL}: each parameter within about ±15 %. */
  public static Culture fromSeed(long seed) {
    if (seed == 0) {
      return TYPICAL;
    }
    Random random = new Random(seed);
    return new Culture(
        TYPICAL.muMaxPerHour * vary(random, 0.15),
        TYPICAL.oxygenDemand * vary(random, 0.15),
        TYPICAL.acidPerBiomass * vary(random, 0.15),
        TYPICAL.biomass * vary(random, 0.3),
        TYPICAL.glucose * vary(random, 0.1),
        TYPICAL.temperature,
        TYPICAL.roomTemperature + (random.nextDouble() * 4 - 2));
  }

  public Culture withTemperature(double celsius) {
    return new Culture(
        muMaxPerHour, oxygenDemand, acidPerBiomass, biomass, glucose, celsius, roomTemperature);
  }

  public Culture withBiomass(double gramsPerLitre) {
    return new Culture(
        muMaxPerHour,
        oxygenDemand,
        acidPerBiomass,
        gramsPerLitre,
        glucose,
        temperature,
        roomTemperature);
  }

  private static double vary(Random random, double fraction) {
    return 1 + (random.nextDouble() * 2 - 1) * fraction;
  }
}
