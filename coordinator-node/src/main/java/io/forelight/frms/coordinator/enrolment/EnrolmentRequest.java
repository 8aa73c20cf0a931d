package io.forelight.frms.coordinator.enrolment;

import io.forelight.frms.coordinator.access.AccessProblem;
import io.forelight.frms.node.pki.Identity;
import java.util.regex.Pattern;

/** What a board sends to join the fleet: its id, link address, hardware and certificate request. */
public record EnrolmentRequest(
    String reactorId, String address, String hardware, String csr, String token) {

  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,200}:\\d{1,5}");
  private static final int MAX_CSR = 16_384;
  private static final int MAX_HARDWARE = 500;

  /** The request with its hardware trimmed; fails (400) naming the first field that is wrong. */
  static EnrolmentRequest checked(EnrolmentRequest r) {
    if (r == null) {
      throw AccessProblem.invalid("a body {reactorId, address, hardware, csr, token} is required");
    }
    try {
      new Identity("fleet", Identity.Role.REACTOR, r.reactorId() == null ? "" : r.reactorId());
    } catch (IllegalArgumentException e) {
      throw AccessProblem.invalid("reactorId: " + e.getMessage());
    }
    if (r.address() == null || !ADDRESS.matcher(r.address()).matches()) {
      throw AccessProblem.invalid(
          "address: the board's link as host:port, got '" + r.address() + "'");
    }
    if (r.csr() == null || r.csr().length() > MAX_CSR) {
      throw AccessProblem.invalid("csr: a PEM certificate request (at most 16 KB) is required");
    }
    String hardware = r.hardware() == null ? "" : r.hardware().strip();
    if (hardware.length() > MAX_HARDWARE) {
      throw AccessProblem.invalid("hardware: at most " + MAX_HARDWARE + " characters");
    }
    return new EnrolmentRequest(r.reactorId(), r.address(), hardware, r.csr(), r.token());
  }
}
