package io.forelight.frms.reactor.driver.ezo;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

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

  /** A calibration step of one circuit kind. */
  public enum Point {
    PH_MID("ph", true, 0, 14),
    PH_LOW("ph", true, 0, 14),
    PH_HIGH("ph", true, 0, 14),
    DO_ATMOSPHERIC("dissolved-oxygen", false, 0, 0),
    DO_ZERO("dissolved-oxygen", false, 0, 0),
    EC_DRY("conductivity", false, 0, 0),
    EC_LOW("conductivity", true, 0, 500_000),
    EC_HIGH("conductivity", true, 0, 500_000),
    EC_PROBE_K("conductivity", true, 0.1, 10),
    ORP("orp", true, -1019.9, 1019.9),
    CLEAR("", false, 0, 0);

    private final String kind;
    private final boolean needsValue;
    private final double min;
    private final double max;

    Point(String kind, boolean needsValue, double min, double max) {
      this.kind = kind;
      this.needsValue = needsValue;
      this.min = min;
      this.max = max;
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private static final Duration QUERY_DELAY = Duration.ofMillis(300);

  private EzoCalibration() {}

  /** Why this point cannot be sent to a circuit of this sensor kind with this value, if not. */
  public static Optional<String> problem(String sensorKind, Point point, double value) {
    if (point != Point.CLEAR && !point.kind.equals(sensorKind)) {
      return Optional.of(
          "calibration point "
              + point.configName()
              + " is for "
              + point.kind
              + " circuits, not "
              + sensorKind);
    }
    if (point.needsValue && !(value >= point.min && value <= point.max)) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "calibration point %s needs a value from %s to %s, got %s",
              point.configName(),
              point.min,
              point.max,
              value));
    }
    return Optional.empty();
  }

  /** The command text; call {@link #problem} first. */
  public static String command(Point point, double value) {
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
  public static Duration delay(Point point) {
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
   * A pH probe's health from its answer to {@code Slope,?} ("?Slope,99.7,100.3,-0.89"): acid and
   * base slope in % of the ideal and, on newer firmware, the zero offset in mV.
   */
  public record Slope(double acidPercent, double basePercent, Double zeroOffsetMv) {

    /** Atlas's rule of thumb: a probe whose slopes are both 95-105 % is healthy. */
    public boolean healthy() {
      return acidPercent >= 95 && acidPercent <= 105 && basePercent >= 95 && basePercent <= 105;
    }

    public static Slope parse(String answer) {
      String[] parts = answer.strip().split(",");
      if (parts.length < 3 || !parts[0].equalsIgnoreCase("?SLOPE")) {
        throw new IllegalArgumentException("not an answer to Slope,?: '" + answer + "'");
      }
      return new Slope(
          Double.parseDouble(parts[1].strip()),
          Double.parseDouble(parts[2].strip()),
          parts.length > 3 ? Double.valueOf(parts[3].strip()) : null);
    }
  }

  public static Duration queryDelay() {
    return QUERY_DELAY;
  }
}
