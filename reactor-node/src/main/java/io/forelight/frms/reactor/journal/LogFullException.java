package io.forelight.frms.reactor.journal;

import java.io.IOException;

/** A write the flash log refused because its disk or its quota is full. */
public final class LogFullException extends IOException {

  public LogFullException(String message) {
    super(message);
  }

  /** Whether a write failure means that there is no space left (ENOSPC, EDQUOT or the quota). */
  static boolean isLackOfSpace(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      String message = String.valueOf(e.getMessage());
      if (e instanceof LogFullException
          || message.contains("No space left on device")
          || message.contains("Disk quota exceeded")) {
        return true;
      }
    }
    return false;
  }
}
