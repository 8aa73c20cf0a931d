package io.forelight.frms.reactor.driver.simulated;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Quantity;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The simulated culture stays physically plausible over a day of culture time. */
class SimulatedBioreactorTest {

  private final AtomicLong nanos = new AtomicLong();
  private final SimulatedBioreactor vessel =
      new SimulatedBioreactor(Culture.fromSeed(7), 7, 1, nanos::get);

  private void advanceHours(double hours) {
    nanos.addAndGet((long) (hours * 3600e9));
  }

  @Test
  void holdsTemperatureAndGrowsBiomassWhileOxygenAndPhFallWithGrowth() {
    double startBiomass = vessel.value(Quantity.BIOMASS);
    double startOxygen = vessel.measure(Quantity.DISSOLVED_OXYGEN, 0);
    assertTrue(
        startOxygen > 6 && startOxygen < 7.5, "air-saturated water at 37 °C: " + startOxygen);
    advanceHours(6);
    double temperature = vessel.measure(Quantity.TEMPERATURE, 0);
    assertTrue(Math.abs(temperature - 37.0) < 0.5, "heater holds 37 °C: " + temperature);
    assertTrue(vessel.value(Quantity.BIOMASS) > 3 * startBiomass, "exponential growth");
    assertTrue(vessel.value(Quantity.DISSOLVED_OXYGEN) < startOxygen, "growing cells use oxygen");
    assertTrue(vessel.value(Quantity.PH) < 7.0, "growth acidifies");
  }

  @Test
  void staysWithinPhysicalBoundsForADay() {
    for (int hour = 0; hour < 24; hour++) {
      advanceHours(1);
      double oxygen = vessel.measure(Quantity.DISSOLVED_OXYGEN, 0);
      double ph = vessel.measure(Quantity.PH, 0);
      assertTrue(oxygen >= 0 && oxygen < 8, "hour " + hour + " DO " + oxygen);
      assertTrue(ph > 6.0 && ph <= 7.1, "hour " + hour + " pH " + ph);
      assertTrue(vessel.value(Quantity.BIOMASS) < 15, "bounded by the glucose");
    }
  }
}
