package io.forelight.frms.node.pki;

/** A certificate, request or key that cannot be trusted or used, and why (said in the log). */
public final class Refused extends RuntimeException {
  public Refused(String why) {
    super(why);
  }

  public Refused(String why, Throwable cause) {
    super(why, cause);
  }
}
