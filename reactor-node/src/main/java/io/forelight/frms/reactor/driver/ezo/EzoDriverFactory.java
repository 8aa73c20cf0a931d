package io.forelight.frms.reactor.driver.ezo;

import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.SensorDriver;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import java.time.Duration;
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
    return Set.of("bus", "address");
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
        new EzoProtocol(device, duration -> Thread.sleep(duration.toMillis())),
        device,
        circuit.readingDelay);
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

  /** A driver reading one EZO circuit. */
  static final class EzoDriver implements SensorDriver {
    private final EzoProtocol protocol;
    private final I2cDevice device;
    private final Duration readingDelay;

    EzoDriver(EzoProtocol protocol, I2cDevice device, Duration readingDelay) {
      this.protocol = protocol;
      this.device = device;
      this.readingDelay = readingDelay;
    }

    @Override
    public double read() throws Exception {
      return protocol.read(readingDelay);
    }

    @Override
    public void close() {
      device.close();
    }
  }
}
