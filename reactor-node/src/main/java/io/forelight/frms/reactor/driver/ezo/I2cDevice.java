package io.forelight.frms.reactor.driver.ezo;

import java.io.IOException;

/** One device on an I2C bus, as the EZO protocol needs it: raw writes and reads. */
public interface I2cDevice extends AutoCloseable {

  void write(byte[] bytes) throws IOException;

  /** Reads up to {@code buffer.length} bytes; returns how many were read. */
  int read(byte[] buffer) throws IOException;

  @Override
  void close();
}
