package io.forelight.frms.reactor.control;

/**
 * On/off control with hysteresis, for a heater (or, {@code cooling}, a chiller): on below {@code
 * setpoint − hysteresis/2}, off above {@code setpoint + hysteresis/2}, unchanged in between, so a
 * noisy reading near the setpoint does not chatter the relay.
 */
public final class OnOff {

  private boolean on;

  public Terms step(double setpoint, double pv, double hysteresis, boolean cooling) {
    double error = cooling ? pv - setpoint : setpoint - pv;
    if (error > hysteresis / 2) {
      on = true;
    } else if (error < -hysteresis / 2) {
      on = false;
    }
    return Terms.output(on ? 1 : 0);
  }

  public void reset() {
    on = false;
  }
}
