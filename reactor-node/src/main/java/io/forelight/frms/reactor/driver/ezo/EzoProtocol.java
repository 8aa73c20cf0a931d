package io.forelight.frms.reactor.driver.ezo;

import io.forelight.frms.reactor.driver.DriverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The EZO circuits' I2C command/response protocol. A command is written as ASCII; after its
 * processing delay the answer is read: one status byte (1 success, 2 syntax error, 254 still
 * processing, 255 no data) then ASCII data ending in a NUL. A reading may carry several
 * comma-separated fields (DO: mg/L and % saturation; EC: EC, TDS, salinity, gravity); the first is
 * the primary value. The RTD circuit answers -1023 when no probe is connected.
 */
public final class EzoProtocol {

  static final int SUCCESS = 1;
  static final int SYNTAX_ERROR = 2;
  static final int STILL_PROCESSING = 254;
  static final int NO_DATA = 255;
  private static final int ANSWER_BYTES = 41;
  private static final Duration RETRY_DELAY = Duration.ofMillis(100);
  private static final int MAX_RETRIES = 10;

  /** Waits between writing a command and reading its answer. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final I2cDevice device;
  private final Pause pause;

  public EzoProtocol(I2cDevice device, Pause pause) {
    this.device = device;
    this.pause = pause;
  }

  /** Sends "R" and returns the primary value of the answer. */
  public double read(Duration readingDelay)
      throws IOException, DriverException, InterruptedException {
    return read("R", readingDelay);
  }

  /**
   * Sends a reading command ("R", or "RT,n": read compensated at n °C) and returns the primary
   * value of the answer.
   */
  public double read(String command, Duration readingDelay)
      throws IOException, DriverException, InterruptedException {
    String answer = command(command, readingDelay);
    String primary = answer.split(",", -1)[0].strip();
    double value;
    try {
      value = Double.parseDouble(primary);
    } catch (NumberFormatException e) {
      throw new DriverException("unreadable answer from EZO circuit: '" + printable(answer) + "'");
    }
    if (value == -1023.0) {
      throw new DriverException("EZO circuit reports no probe connected (-1023)");
    }
    return value;
  }

  /** Sends a command and returns the ASCII data of a successful answer. */
  public String command(String command, Duration delay)
      throws IOException, DriverException, InterruptedException {
    device.write(command.getBytes(StandardCharsets.US_ASCII));
    pause.sleep(delay);
    byte[] buffer = new byte[ANSWER_BYTES];
    for (int attempt = 0; ; attempt++) {
      int read = device.read(buffer);
      if (read < 1) {
        throw new DriverException("EZO circuit sent no answer to " + command);
      }
      int status = buffer[0] & 0xFF;
      switch (status) {
        case SUCCESS:
          return data(buffer, read);
        case STILL_PROCESSING:
          if (attempt >= MAX_RETRIES) {
            throw new DriverException("EZO circuit still processing " + command + " after retries");
          }
          pause.sleep(RETRY_DELAY);
          break;
        case SYNTAX_ERROR:
          throw new DriverException("EZO circuit rejected " + command + " (syntax error)");
        case NO_DATA:
          throw new DriverException("EZO circuit has no data for " + command);
        default:
          throw new DriverException(
              "EZO circuit answered with unknown status " + status + " to " + command);
      }
    }
  }

  private static String data(byte[] buffer, int length) throws DriverException {
    int end = 1;
    while (end < length && buffer[end] != 0) {
      byte b = buffer[end];
      if (b < 0x20 || b > 0x7E) {
        throw new DriverException(
            "EZO circuit sent a non-ASCII byte 0x" + Integer.toHexString(b & 0xFF));
      }
      end++;
    }
    return new String(buffer, 1, end - 1, StandardCharsets.US_ASCII);
  }

  private static String printable(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
