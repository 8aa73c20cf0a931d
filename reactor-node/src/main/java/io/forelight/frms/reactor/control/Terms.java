package io.forelight.frms.reactor.control;

/** What one step of a loop computed: its P, I and D terms and the output they sum to. */
public record Terms(double p, double i, double d, double output) {

  public static Terms output(double output) {
    return new Terms(0, 0, 0, output);
  }
}
