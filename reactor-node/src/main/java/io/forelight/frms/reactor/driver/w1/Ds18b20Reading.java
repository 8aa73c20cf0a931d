package io.forelight.frms.reactor.driver.w1;

import io.forelight.frms.reactor.driver.DriverException;

/**
 * Parses the Linux w1_therm answer of a DS18B20 ({@code w1_slave}):
 *
 * <pre>
 * 72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
 * 72 01 4b 46 7f ff 0e 10 57 t=23125
 * </pre>
 *
 * The first line must end in YES (the kernel's CRC check), which is checked again here over the
 * nine scratchpad bytes; the second gives millidegrees Celsius. An all-zero scratchpad (nothing
 * answered on the bus, yet its CRC is 0) and the 85 °C power-on value are not measurements.
 */
public final class Ds18b20Reading {

  private static final int POWER_ON_RESET_MILLIDEGREES = 85_000;

  private Ds18b20Reading() {}

  public static double parse(String w1Slave) throws DriverException {
    String[] lines = w1Slave.strip().split("\\R");
    if (lines.length < 2) {
      throw new DriverException("DS18B20 answer is incomplete: '" + w1Slave.strip() + "'");
    }
    String crcLine = lines[0].strip();
    if (!crcLine.endsWith("YES")) {
      throw new DriverException("DS18B20 CRC check failed: '" + crcLine + "'");
    }
    int[] scratchpad = scratchpad(crcLine);
    if (crc8(scratchpad, 8) != scratchpad[8]) {
      throw new DriverException("DS18B20 scratchpad CRC does not match: '" + crcLine + "'");
    }
    boolean allZero = true;
    for (int b : scratchpad) {
      allZero &= b == 0;
    }
    if (allZero) {
      throw new DriverException("DS18B20 answered an all-zero scratchpad (no sensor on the bus?)");
    }
    int at = lines[1].indexOf("t=");
    if (at < 0) {
      throw new DriverException("DS18B20 answer has no temperature: '" + lines[1].strip() + "'");
    }
    int millidegrees;
    try {
      millidegrees = Integer.parseInt(lines[1].substring(at + 2).strip());
    } catch (NumberFormatException e) {
      throw new DriverException("DS18B20 temperature is not a number: '" + lines[1].strip() + "'");
    }
    if (millidegrees == POWER_ON_RESET_MILLIDEGREES
        && scratchpad[0] == 0x50
        && scratchpad[1] == 0x05) {
      throw new DriverException("DS18B20 reports its power-on value 85 °C (conversion not done)");
    }
    return millidegrees / 1000.0;
  }

  private static int[] scratchpad(String crcLine) throws DriverException {
    String[] parts = crcLine.split("\\s+");
    if (parts.length < 9) {
      throw new DriverException("DS18B20 scratchpad is short: '" + crcLine + "'");
    }
    int[] bytes = new int[9];
    try {
      for (int i = 0; i < 9; i++) {
        bytes[i] = Integer.parseInt(parts[i], 16);
      }
    } catch (NumberFormatException e) {
      throw new DriverException("DS18B20 scratchpad is not hex: '" + crcLine + "'");
    }
    return bytes;
  }

  /** Dallas/Maxim CRC-8 (polynomial x^8 + x^5 + x^4 + 1, reflected 0x8C). */
  static int crc8(int[] bytes, int length) {
    int crc = 0;
    for (int i = 0; i < length; i++) {
      int b = bytes[i];
      for (int bit = 0; bit < 8; bit++) {
        int mix = (crc ^ b) & 0x01;
        crc >>= 1;
        if (mix != 0) {
          crc ^= 0x8C;
        }
        b >>= 1;
      }
    }
    return crc;
  }
}
