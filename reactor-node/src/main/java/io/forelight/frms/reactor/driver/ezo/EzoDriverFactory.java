package io.forelight.frms.reactor.driver.ezo;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.calibration.ProbeState;
import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.SensorDriver;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import io.forelight.frms.reactor.sensor.Compensation;
import java.util.Locale;
import java.util.Set;

/**
 * {@code driver = atlas-ezo}: an Atlas Scientific EZO circuit (pH, DO, RTD, EC, ORP) on I2C.
 * Settings: {@code bus} (default 1, i.e. /dev/i2c-1) and {@code address} (hex like "0x63" or
 * decimal; default: the circuit's factory address for the sensor's kind).
 */
public final class EzoDriverFactory implements SensorDriverFactory {

  @Override
  public String name() {
    return "atlas-ezo";
  }

  @Override
  public Set<String> settings() {
    return Set.of("bus", "address", Compensation.SETTING);
  }

  @Override
  public void validate(String configPath, SensorSpec spec) {
    circuit(configPath, spec);
    bus(configPath, spec);
    address(configPath, spec);
  }

  @Override
  public SensorDriver open(SensorSpec spec, DriverContext context) {
    String path = "sensor " + spec.id();
    EzoCircuit circuit = circuit(path, spec);
    I2cDevice device =
        Pi4jI2cDevice.open(
            context.pi4j(), "ezo-" + spec.id(), bus(path, spec), address(path, spec));
    return new EzoDriver(
        new EzoProtocol(device, duration -> Thread.sleep(duration.toMillis())), device, circuit);
  }

  @Override
  public Set<CalibrationPoint> calibrationPoints(SensorSpec spec) {
    return EzoCircuit.forKind(spec.kind()).map(EzoCircuit::calibrationPoints).orElse(Set.of());
  }

  @Override
  public boolean compensatesTemperature(SensorSpec spec) {
    return EzoCircuit.forKind(spec.kind()).map(c -> c.compensated).orElse(false);
  }

  static EzoCircuit circuit(String path, SensorSpec spec) {
    return EzoCircuit.forKind(spec.kind())
        .orElseThrow(
            () ->
                new ConfigProblem(
                    path
                        + ".kind: atlas-ezo reads ph, dissolved-oxygen, temperature (RTD),"
                        + " conductivity or orp, not '"
                        + spec.kind()
                        + "'"));
  }

  static int bus(String path, SensorSpec spec) {
    String value = spec.setting("bus").orElse("1");
    try {
      int bus = Integer.parseInt(value);
      if (bus < 0 || bus > 255) {
        throw new NumberFormatException();
      }
      return bus;
    } catch (NumberFormatException e) {
      throw new ConfigProblem(path + ".bus", "'" + value + "'", "must be an I2C bus number 0..255");
    }
  }

  static int address(String path, SensorSpec spec) {
    String value = spec.setting("address").orElse(null);
    if (value == null) {
      return circuit(path, spec).defaultAddress;
    }
    try {
      int address =
          value.toLowerCase().startsWith("0x")
              ? Integer.parseInt(value.substring(2), 16)
              : Integer.parseInt(value);
      if (address < 0x03 || address > 0x77) {
        throw new NumberFormatException();
      }
      return address;
    } catch (NumberFormatException e) {
      throw new ConfigProblem(
          path + ".address", "'" + value + "'", "must be a 7-bit I2C address 0x03..0x77");
    }
  }

  /**
   * A driver reading one EZO circuit: "R", or "RT,n" once the node knows the liquid's temperature
   * (the circuit compensates at n °C); calibration points as {@link EzoCalibration} spells them,
   * then "Cal,?" (and "Slope,?" for pH) for what the circuit holds.
   */
  static final class EzoDriver implements SensorDriver {
    private final EzoProtocol protocol;
    private final I2cDevice device;
    private final EzoCircuit circuit;
    private volatile double celsius = Double.NaN;

    EzoDriver(EzoProtocol protocol, I2cDevice device, EzoCircuit circuit) {
      this.protocol = protocol;
      this.device = device;
      this.circuit = circuit;
    }

    @Override
    public double read() throws Exception {
      double t = celsius;
      return Double.isNaN(t)
          ? protocol.read(circuit.readingDelay)
          : protocol.read(String.format(Locale.ROOT, "RT,%.1f", t), circuit.readingDelay);
    }

    @Override
    public void compensate(double celsius) {
      this.celsius = circuit.compensated ? celsius : Double.NaN;
    }

    @Override
    public ProbeState calibrate(CalibrationPoint point, double value) throws Exception {
      protocol.command(EzoCalibration.command(point, value), EzoCalibration.delay(point));
      int held = EzoCalibration.pointsHeld(protocol.command("Cal,?", EzoCalibration.queryDelay()));
      if (circuit != EzoCircuit.PH) {
        return ProbeState.points(held);
      }
      return EzoCalibration.withSlope(
          held, protocol.command("Slope,?", EzoCalibration.queryDelay()));
    }

    @Override
    public void close() {
      device.close();
    }
  }
}
