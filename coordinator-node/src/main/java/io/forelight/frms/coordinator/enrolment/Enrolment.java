package io.forelight.frms.coordinator.enrolment;

import java.time.Instant;
import java.util.Locale;

/**
 * A reactor board's request to join the fleet, and what became of it: its id, the link address it
 * reported, its hardware, its certificate request (PEM) and the fingerprint of its public key; once
 * approved, the certificate the fleet's CA issued for it.
 */
public record Enrolment(
    String reactorId,
    State state,
    String address,
    String hardware,
    String csr,
    String fingerprint,
    Instant requestedAt,
    String requestedFrom,
    String certificate,
    String decidedBy,
    Instant decidedAt,
    String reason) {

  /**
   * Pending an admin's decision, approved (a certificate issued), refused, or removed from the
   * fleet after approval (its certificate revoked).
   */
  public enum State {
    PENDING,
    APPROVED,
    REFUSED,
    REMOVED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State parse(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  /** This enrolment with a new state and who decided it, when and why. */
  Enrolment decided(State to, String certificatePem, String by, Instant at, String why) {
    return new Enrolment(
        reactorId,
        to,
        address,
        hardware,
        csr,
        fingerprint,
        requestedAt,
        requestedFrom,
        certificatePem,
        by,
        at,
        why);
  }

  /** This enrolment with the board at another link address. */
  Enrolment at(String newAddress) {
    return new Enrolment(
        reactorId,
        state,
        newAddress,
        hardware,
        csr,
        fingerprint,
        requestedAt,
        requestedFrom,
        certificate,
        decidedBy,
        decidedAt,
        reason);
  }
}
