package io.forelight.frms.reactor.control;

/**
 * A loop as it stood after its latest step: its settings, the setpoint it is at on the way to the
 * target, what it measured, the terms and output it computed (0..1 of full scale, or mL for pH) and
 * why its outputs are safe if they are (input stale or BAD, off). Immutable; replaced every step.
 * Its deviation (measured minus setpoint) is a number only while it controls: in auto, no fault.
 */
public record LoopView(
    LoopSpec spec,
    LoopSettings settings,
    double setpointNow,
    double measured,
    Terms terms,
    String fault) {

  public double term(String name) {
    return switch (name) {
      case "output" -> terms.output() * spec.kind().recordedScale();
      case "p" -> terms.p() * spec.kind().recordedScale();
      case "i" -> terms.i() * spec.kind().recordedScale();
      case "d" -> terms.d() * spec.kind().recordedScale();
      case "setpoint" -> setpointNow;
      case "deviation" ->
          settings.mode() == LoopMode.AUTO && fault.isEmpty() ? measured - setpointNow : Double.NaN;
      default -> throw new IllegalArgumentException("no term " + name);
    };
  }
}
