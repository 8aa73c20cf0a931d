package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.driver.simulated.Culture;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Input;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Quantity;

/**
 * A simulated bioreactor on a simulated clock, stepped in ticks of 0.1 s: a loop under test reads
 * it and drives it as fast as the CPU allows, hours of culture in a second.
 */
final class SimulatedVessel {

  static final double TICK_SECONDS = 0.1;

  private long nanos;
  private final SimulatedBioreactor vessel;

  SimulatedVessel(Culture culture) {
    vessel = new SimulatedBioreactor(culture, 42, 1, () -> nanos);
  }

  double seconds() {
    return nanos / 1e9;
  }

  void tick() {
    nanos += (long) (TICK_SECONDS * 1e9);
  }

  double measure(Quantity quantity, double noise) {
    return vessel.measure(quantity, noise);
  }

  double truth(Quantity quantity) {
    return vessel.measure(quantity, 0);
  }

  void drive(Input input, double level) {
    vessel.drive(input, level);
  }

  double uptakePerHour() {
    return vessel.oxygenUptakePerHour();
  }
}
