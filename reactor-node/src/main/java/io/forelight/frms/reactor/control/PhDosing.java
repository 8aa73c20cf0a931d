package io.forelight.frms.reactor.control;

/**
 * pH control by dosing: nothing while the pH is within {@code deadband} of the setpoint; outside
 * it, a dose proportional to how far outside ({@code mlPerPh} mL per pH unit), at most {@code
 * maxDoseMl} per period, of base when too acidic and of acid when too basic. The output is the dose
 * in mL, positive for base and negative for acid. The period must be longer than the broth takes to
 * mix, or doses pile up before their effect is measured.
 */
public record PhDosing(double deadband, double mlPerPh, double maxDoseMl) {

  public Terms step(double setpoint, double pv) {
    double error = setpoint - pv;
    double beyond = Math.abs(error) - deadband;
    if (beyond <= 0) {
      return new Terms(0, 0, 0, 0);
    }
    double dose = Math.min(maxDoseMl, mlPerPh * beyond);
    return new Terms(mlPerPh * error, 0, 0, Math.signum(error) * dose);
  }
}
