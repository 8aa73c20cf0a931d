package io.forelight.frms.reactor.control;

/**
 * Starting tunings for the loops of a 1 L stirred vessel, as in conf/reactor.conf; a loop block
 * that names no gains gets these for its kind.
 */
public final class LoopDefaults {

  /** Heater duty (0..1) per °C. */
  public static final Gains TEMPERATURE = new Gains(0.25, 0.0006, 0, 0);

  /** Cascade output (0..1) per % air saturation. */
  public static final Gains DISSOLVED_OXYGEN = new Gains(0.02, 0.0005, 0, 0);

  public static final SplitRange DO_SPLIT = new SplitRange(0.5, 0.2, 1.0, 0.0, 1.0);

  public static final PhDosing PH = new PhDosing(0.02, 2.0, 0.2);

  private LoopDefaults() {}
}
