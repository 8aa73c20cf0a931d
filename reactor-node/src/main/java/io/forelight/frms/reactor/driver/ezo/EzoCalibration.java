package io.forelight.frms.reactor.driver.ezo;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.calibration.ProbeState;
import java.time.Duration;
import java.util.Locale;

/**
 * The calibration commands of the Atlas EZO circuits, checked before anything is sent: which point
 * a circuit takes, the value it needs, the command text and how long the circuit takes to answer.
 *
 * <ul>
 *   <li>pH: {@code Cal,mid,7.00} (first; clears low and high), {@code Cal,low,4.00}, {@code
 *       Cal,high,10.00}, {@code Cal,clear}; {@code Cal,?} and {@code Slope,?} ask.
 *   <li>DO: {@code Cal} (in air: 100 %), {@code Cal,0} (zero solution), {@code Cal,clear}.
 *   <li>EC: {@code Cal,dry} (first), {@code Cal,low,n}, {@code Cal,high,n}, {@code Cal,clear};
 *       {@code K,n} sets the probe's cell constant.
 *   <li>ORP: {@code Cal,n} (mV of the solution), {@code Cal,clear}.
 * </ul>
 */
public final class EzoCalibration {

  private static final Duration QUERY_DELAY = Duration.ofMillis(300);

  private EzoCalibration() {}

  /** The command text; check {@link CalibrationPoint#problem} first. */
  public static String command(CalibrationPoint point, double value) {
    String n = String.format(Locale.ROOT, "%.2f", value);
    return switch (point) {
      case PH_MID -> "Cal,mid," + n;
      case PH_LOW -> "Cal,low," + n;
      case PH_HIGH -> "Cal,high," + n;
      case DO_ATMOSPHERIC -> "Cal";
      case DO_ZERO -> "Cal,0";
      case EC_DRY -> "Cal,dry";
      case EC_LOW -> "Cal,low," + n;
      case EC_HIGH -> "Cal,high," + n;
      case EC_PROBE_K -> "K," + n;
      case ORP -> "Cal," + n;
      case CLEAR -> "Cal,clear";
    };
  }

  /** How long the circuit takes before its answer to the point's command can be read. */
  public static Duration delay(CalibrationPoint point) {
    return switch (point) {
      case DO_ATMOSPHERIC, DO_ZERO -> Duration.ofMillis(1300);
      case EC_DRY, EC_LOW, EC_HIGH -> Duration.ofMillis(600);
      case EC_PROBE_K, CLEAR -> QUERY_DELAY;
      default -> Duration.ofMillis(900);
    };
  }

  /** How many points the circuit holds, from its answer to {@code Cal,?} ("?CAL,2"). */
  public static int pointsHeld(String answer) {
    String[] parts = answer.strip().split(",");
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("?CAL")) {
      throw new IllegalArgumentException("not an answer to Cal,?: '" + answer + "'");
    }
    return Integer.parseInt(parts[1].strip());
  }

  /**
   * A pH probe's slopes from its answer to {@code Slope,?} ("?Slope,99.7,100.3,-0.89"): acid and
   * base slope in % of the ideal and, on newer firmware, the zero offset in mV.
   */
  public static ProbeState withSlope(int pointsHeld, String answer) {
    String[] parts = answer.strip().split(",");
    if (parts.length < 3 || !parts[0].equalsIgnoreCase("?SLOPE")) {
      throw new IllegalArgumentException("not an answer to Slope,?: '" + answer + "'");
    }
    return new ProbeState(
        pointsHeld,
        Double.parseDouble(parts[1].strip()),
        Double.parseDouble(parts[2].strip()),
        parts.length > 3 ? Double.parseDouble(parts[3].strip()) : Double.NaN);
  }

  public static Duration queryDelay() {
    return QUERY_DELAY;
  }
}
