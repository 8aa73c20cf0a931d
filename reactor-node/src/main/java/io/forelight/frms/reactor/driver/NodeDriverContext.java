package io.forelight.frms.reactor.driver;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import io.forelight.frms.reactor.control.ControlBoard;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The driver context of a running node: Pi4J is created only if a driver asks for it. */
public final class NodeDriverContext implements DriverContext {

  private final SimulatedBioreactor bioreactor;
  private final Supplier<Context> pi4jFactory;
  private final Path w1DevicesDir;
  private final ControlBoard control = new ControlBoard();
  private Context pi4j;

  public NodeDriverContext(
      SimulatedBioreactor bioreactor, Supplier<Context> pi4jFactory, Path w1DevicesDir) {
    this.bioreactor = bioreactor;
    this.pi4jFactory = pi4jFactory;
    this.w1DevicesDir = w1DevicesDir;
  }

  /** The context for real hardware: Pi4J with the plugins it finds (linuxfs I2C). */
  public static NodeDriverContext forHardware(SimulatedBioreactor bioreactor, Path w1DevicesDir) {
    return new NodeDriverContext(bioreactor, Pi4J::newAutoContext, w1DevicesDir);
  }

  @Override
  public SimulatedBioreactor bioreactor() {
    return bioreactor;
  }

  @Override
  public synchronized Context pi4j() {
    if (pi4j == null) {
      pi4j = pi4jFactory.get();
    }
    return pi4j;
  }

  @Override
  public ControlBoard control() {
    return control;
  }

  @Override
  public Path w1DevicesDir() {
    return w1DevicesDir;
  }

  /** Releases Pi4J if it was ever created. */
  public synchronized void shutdown() {
    if (pi4j != null) {
      pi4j.shutdown();
    }
  }
}
