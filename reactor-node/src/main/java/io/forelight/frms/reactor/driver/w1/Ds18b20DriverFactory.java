package io.forelight.frms.reactor.driver.w1;

import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.DriverException;
import io.forelight.frms.reactor.driver.SensorDriver;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code driver = ds18b20}: a DS18B20 temperature sensor on 1-Wire, read through the Linux w1 sysfs
 * (Pi4J has no 1-Wire API). Setting: {@code device}, the sensor's id as the kernel lists it under
 * /sys/bus/w1/devices, such as "28-00000a1b2c3d".
 */
public final class Ds18b20DriverFactory implements SensorDriverFactory {

  private static final Pattern DEVICE = Pattern.compile("28-[0-9a-f]{12}");

  @Override
  public String name() {
    return "ds18b20";
  }

  @Override
  public Set<String> settings() {
    return Set.of("device");
  }

  @Override
  public void validate(String configPath, SensorSpec spec) {
    device(configPath, spec);
    if (!spec.kind().equals("temperature")) {
      throw new ConfigProblem(
          configPath + ".kind: a DS18B20 measures temperature, not '" + spec.kind() + "'");
    }
  }

  @Override
  public SensorDriver open(SensorSpec spec, DriverContext context) {
    String device = device("sensor " + spec.id(), spec);
    return new Ds18b20Driver(context.w1DevicesDir().resolve(device).resolve("w1_slave"), device);
  }

  private static String device(String path, SensorSpec spec) {
    String device =
        spec.setting("device")
            .orElseThrow(
                () ->
                    new ConfigProblem(
                        path + ".device is missing (for example \"28-00000a1b2c3d\")"));
    if (!DEVICE.matcher(device).matches()) {
      throw new ConfigProblem(
          path + ".device", "'" + device + "'", "must be a DS18B20 id: 28- and 12 hex digits");
    }
    return device;
  }

  /** Reads one DS18B20; reading the file makes the kernel run a conversion (about 750 ms). */
  static final class Ds18b20Driver implements SensorDriver {
    private final Path file;
    private final String device;

    Ds18b20Driver(Path file, String device) {
      this.file = file;
      this.device = device;
    }

    @Override
    public double read() throws IOException, DriverException {
      String answer;
      try {
        answer = Files.readString(file, StandardCharsets.US_ASCII);
      } catch (NoSuchFileException e) {
        throw new DriverException(
            "DS18B20 " + device + " is not on the 1-Wire bus (" + file + " missing)");
      }
      return Ds18b20Reading.parse(answer);
    }
  }
}
