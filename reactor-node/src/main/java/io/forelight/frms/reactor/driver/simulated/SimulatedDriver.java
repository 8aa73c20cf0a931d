package io.forelight.frms.reactor.driver.simulated;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.calibration.ProbeState;
import io.forelight.frms.reactor.driver.DriverException;
import io.forelight.frms.reactor.driver.SensorDriver;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Quantity;
import io.forelight.frms.reactor.driver.simulated.SimulatedDriverFactory.Fault;
import java.time.Duration;

/** Reads one quantity of the simulated bioreactor, misbehaving on purpose if told to. */
final class SimulatedDriver implements SensorDriver {

  private final SimulatedBioreactor bioreactor;
  private final Quantity quantity;
  private final double noise;
  private final Fault fault;
  private final long faultEvery;
  private final Duration readDelay;
  private final long faultFromNanos;
  private final long faultUntilNanos;
  private final SimulatedProbe probe;
  private long reads;

  /** Faults happen only while {@code System.nanoTime()} is in [faultFromNanos, faultUntilNanos). */
  SimulatedDriver(
      SimulatedBioreactor bioreactor,
      Quantity quantity,
      double noise,
      Fault fault,
      long faultEvery,
      Duration readDelay,
      long faultFromNanos,
      long faultUntilNanos,
      SimulatedProbe probe) {
    this.bioreactor = bioreactor;
    this.quantity = quantity;
    this.noise = noise;
    this.fault = fault;
    this.faultEvery = faultEvery;
    this.readDelay = readDelay;
    this.faultFromNanos = faultFromNanos;
    this.faultUntilNanos = faultUntilNanos;
    this.probe = probe;
  }

  private boolean faultTime() {
    long now = System.nanoTime();
    return now - faultFromNanos >= 0 && now - faultUntilNanos < 0;
  }

  @Override
  public double read() throws Exception {
    reads++;
    if (!readDelay.isZero()) {
      Thread.sleep(readDelay.toMillis());
    }
    if (fault != Fault.NONE && faultEvery > 0 && reads % faultEvery == 0 && faultTime()) {
      switch (fault) {
        case ERROR -> throw new DriverException("simulated device error (read " + reads + ")");
        case HANG -> Thread.sleep(Duration.ofHours(1).toMillis());
        case GARBAGE -> throw new DriverException("unreadable answer from device: '?\\u0007#'");
        case NAN -> {
          return Double.NaN;
        }
        default -> {}
      }
    }
    double value = bioreactor.measure(quantity, noise);
    return probe == null ? value : value + probe.error(bioreactor.cultureSeconds());
  }

  @Override
  public ProbeState calibrate(CalibrationPoint point, double value) throws Exception {
    if (probe == null) {
      throw new DriverException("this simulated " + quantity + " sensor cannot be calibrated");
    }
    return probe.calibrate(point, bioreactor.cultureSeconds());
  }
}
