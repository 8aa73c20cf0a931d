package io.forelight.frms.reactor.driver.ezo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Pi4J adapter against Pi4J's mock I2C provider (a loopback: a read returns the bytes written
 * before it), so the bytes the EZO protocol writes and reads really pass through Pi4J's API.
 */
class Pi4jI2cDeviceTest {

  private final Context pi4j = Pi4J.newContextBuilder().add(MockI2CProvider.newInstance()).build();

  @AfterEach
  void shutdown() {
    pi4j.shutdown();
  }

  @Test
  void writesAndReadsThroughPi4j() throws Exception {
    I2CProvider provider = pi4j.provider(MockI2CProvider.class);
    I2C i2c =
        provider.create(I2C.newConfigBuilder(pi4j).id("ezo-test").bus(1).device(0x63).build());
    try (Pi4jI2cDevice device = new Pi4jI2cDevice(i2c)) {
      // The loopback answers with what the circuit "said": status 1 then "7.01" and NUL.
      device.write(new byte[] {1, '7', '.', '0', '1', 0});
      byte[] answer = new byte[6];
      assertEquals(6, device.read(answer));
      assertEquals("7.01", new String(answer, 1, 4, StandardCharsets.US_ASCII));

      device.write(new byte[] {1, '6', '.', '9', '9', 0});
      EzoProtocol protocol = new EzoProtocol(new SkipCommand(device), d -> {});
      assertEquals(6.99, protocol.read(Duration.ZERO));
    }
  }

  /** The loopback would echo the command; here the command is not sent, only the answer read. */
  private record SkipCommand(I2cDevice device) implements I2cDevice {
    @Override
    public void write(byte[] bytes) {}

    @Override
    public int read(byte[] buffer) throws java.io.IOException {
      return device.read(buffer);
    }

    @Override
    public void close() {}
  }
}
