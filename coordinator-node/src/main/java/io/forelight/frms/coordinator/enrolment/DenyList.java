package io.forelight.frms.coordinator.enrolment;

import java.math.BigInteger;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates revoked in this fleet (a board removed after approval), as this node last read
 * them from {@code revoked_certificates}: every link checks a reactor's certificate against it at
 * each handshake. Read again every few seconds and right after a removal on this node. Thread-safe.
 */
public final class DenyList implements Predicate<BigInteger> {

  private static final Logger log = LoggerFactory.getLogger(DenyList.class);

  private final EnrolmentStore store;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile Set<String> serials = Set.of();

  public DenyList(EnrolmentStore store) {
    this.store = store;
  }

  /** Whether the certificate with this serial number is revoked. */
  @Override
  public boolean test(BigInteger serial) {
    return serials.contains(serial.toString());
  }

  /** Reads the revoked serials again (one read at a time; a failed read keeps the last). */
  public void refresh() {
    if (!reading.compareAndSet(false, true)) {
      return;
    }
    store
        .revoked()
        .whenComplete(
            (read, error) -> {
              reading.set(false);
              if (error != null) {
                log.debug("revoked certificates not read now: {}", error.toString());
              } else {
                serials = read;
              }
            });
  }
}
