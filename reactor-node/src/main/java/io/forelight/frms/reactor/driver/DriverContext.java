package io.forelight.frms.reactor.driver;

import com.pi4j.context.Context;
import io.forelight.frms.reactor.control.ControlBoard;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor;
import java.nio.file.Path;

/**
 * What drivers of one reactor node share: its simulated bioreactor, Pi4J, the 1-Wire folder, the
 * board its loops publish on.
 */
public interface DriverContext {

  SimulatedBioreactor bioreactor();

  /** The node's Pi4J context, created on first use (drivers that do not need it never do). */
  Context pi4j();

  /** Where the node's loops and actuators publish what they do. */
  ControlBoard control();

  /** Where Linux lists 1-Wire devices, normally {@code /sys/bus/w1/devices}. */
  Path w1DevicesDir();
}
