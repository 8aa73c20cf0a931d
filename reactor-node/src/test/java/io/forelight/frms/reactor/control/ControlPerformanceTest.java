package io.forelight.frms.reactor.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.driver.simulated.Culture;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Input;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loops' algorithms with the default tuning of conf/reactor.conf hold the simulated culture, on
 * a simulated clock (hours of culture in a second): the figures the README quotes are logged here.
 */
class ControlPerformanceTest {

  private static final Logger log = LoggerFactory.getLogger("figures");

  @Test
  void temperatureFrom30To37SettlesWithin02WithOvershootUnderHalfADegree() {
    SimulatedVessel vessel = new SimulatedVessel(Culture.TYPICAL.withTemperature(30));
    Pid pid = new Pid();
    Gains gains = LoopDefaults.TEMPERATURE;
    TimeProportioning heater =
        new TimeProportioning(Duration.ofSeconds(10), Duration.ofMillis(200));
    LoopFigures figures = new LoopFigures(30, 37, 0.2, 2400);
    double duty = 0;
    double heaterOnUntil = 0;
    double nextCycle = 0;
    for (int tick = 0; tick < 3 * 3600 / SimulatedVessel.TICK_SECONDS; tick++) {
      double now = vessel.seconds();
      if (tick % 10 == 0) { // loop period 1 s
        duty = pid.step(37, vessel.measure(Quantity.TEMPERATURE, 0.02), 1, gains, 0, 1).output();
      }
      if (now >= nextCycle) {
        heaterOnUntil = now + heater.onTime(duty).toNanos() / 1e9;
        nextCycle = now + 10;
      }
      vessel.drive(Input.HEATER, now < heaterOnUntil ? 1 : 0);
      vessel.tick();
      figures.observe(vessel.seconds(), vessel.truth(Quantity.TEMPERATURE));
    }
    log.info(figures.describe("temperature 30 -> 37 °C", "°C"));
    assertTrue(figures.settledAt() < 2400, figures.describe("temperature", "°C"));
    assertTrue(figures.overshoot() < 0.5, figures.describe("temperature", "°C"));
    assertTrue(figures.worstDeviationAfterHold() <= 0.2, figures.describe("temperature", "°C"));
  }

  @Test
  void dissolvedOxygenHolds40PercentWhileTheUptakeDoubles() {
    SimulatedVessel vessel = new SimulatedVessel(Culture.TYPICAL);
    Pid pid = new Pid();
    SplitRange split = LoopDefaults.DO_SPLIT;
    LoopFigures figures = new LoopFigures(100, 40, 5, 1200);
    double u = 0;
    double uptakeAtHold = Double.NaN;
    for (int tick = 0; tick < 3 * 3600 / SimulatedVessel.TICK_SECONDS; tick++) {
      if (tick % 10 == 0) {
        double pv = vessel.measure(Quantity.DISSOLVED_OXYGEN_SATURATION, 0.5);
        u = pid.step(40, pv, 1, LoopDefaults.DISSOLVED_OXYGEN, 0, 1).output();
        vessel.drive(Input.STIRRER, split.stirrer(u));
        vessel.drive(Input.AIR, split.air(u));
      }
      vessel.tick();
      figures.observe(vessel.seconds(), vessel.truth(Quantity.DISSOLVED_OXYGEN_SATURATION));
      if (Double.isNaN(uptakeAtHold) && vessel.seconds() >= 1200) {
        uptakeAtHold = vessel.uptakePerHour();
      }
    }
    double uptakeAtEnd = vessel.uptakePerHour();
    String said =
        figures.describe("dissolved oxygen 100 -> 40 %", "%")
            + String.format(
                ", uptake %.0f -> %.0f %%/h while held (x%.1f), controller output %.2f",
                uptakeAtHold, uptakeAtEnd, uptakeAtEnd / uptakeAtHold, u);
    log.info(said);
    assertTrue(uptakeAtEnd >= 2 * uptakeAtHold, said);
    assertTrue(figures.worstDeviationAfterHold() <= 5, said);
  }

  @Test
  void phHolds700AgainstAnAcidProducingCulture() {
    SimulatedVessel vessel = new SimulatedVessel(Culture.TYPICAL);
    vessel.drive(Input.ACID, 0);
    PhDosing dosing = LoopDefaults.PH;
    double pumpMlPerSecond = 0.5;
    LoopFigures figures = new LoopFigures(7, 7, 0.05, 0);
    double baseUntil = 0;
    double acidUntil = 0;
    double baseMl = 0;
    for (int tick = 0; tick < 4 * 3600 / SimulatedVessel.TICK_SECONDS; tick++) {
      double now = vessel.seconds();
      if (tick % 100 == 0) { // loop period 10 s
        double dose = dosing.step(7.0, vessel.measure(Quantity.PH, 0.005)).output();
        double pulse = Math.abs(dose) / pumpMlPerSecond;
        if (dose > 0) {
          baseUntil = now + pulse;
          baseMl += dose;
        } else if (dose < 0) {
          acidUntil = now + pulse;
        }
      }
      vessel.drive(Input.BASE, now < baseUntil ? pumpMlPerSecond : 0);
      vessel.drive(Input.ACID, now < acidUntil ? pumpMlPerSecond : 0);
      vessel.tick();
      figures.observe(vessel.seconds(), vessel.truth(Quantity.PH));
    }
    String said =
        figures.describe("pH at 7.00", "pH")
            + String.format(
                ", biomass %.2f g/L, base dosed %.1f mL", vessel.truth(Quantity.BIOMASS), baseMl);
    log.info(said);
    assertTrue(baseMl > 1, "the culture made acid that needed base: " + said);
    assertTrue(figures.worstDeviationAfterHold() <= 0.05, said);
  }
}
