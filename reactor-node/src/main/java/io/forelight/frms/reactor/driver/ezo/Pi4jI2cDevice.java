package io.forelight.frms.reactor.driver.ezo;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import java.io.IOException;

/** An {@link I2cDevice} on Pi4J: Linux's /dev/i2c-N through the linuxfs provider. */
final class Pi4jI2cDevice implements I2cDevice {

  private final I2C i2c;

  Pi4jI2cDevice(I2C i2c) {
    this.i2c = i2c;
  }

  static Pi4jI2cDevice open(Context pi4j, String id, int bus, int address) {
    I2CProvider provider = pi4j.provider("linuxfs-i2c");
    I2CConfig config = I2C.newConfigBuilder(pi4j).id(id).name(id).bus(bus).device(address).build();
    return new Pi4jI2cDevice(provider.create(config));
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    try {
      i2c.write(bytes, 0, bytes.length);
    } catch (RuntimeException e) {
      throw new IOException("I2C write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    try {
      return i2c.read(buffer, 0, buffer.length);
    } catch (RuntimeException e) {
      throw new IOException("I2C read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    i2c.close();
  }
}
