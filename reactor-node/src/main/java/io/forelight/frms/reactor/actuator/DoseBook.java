package io.forelight.frms.reactor.actuator;

/**
 * What a dosing pump delivered: in each of the last 60 minutes (a ring of one-minute buckets, so
 * the book never grows) and in total since it was made. The hourly sum counts whole minutes, so it
 * errs on the safe side by up to a minute's doses.
 */
final class DoseBook {

  private static final long MINUTE_NANOS = 60_000_000_000L;
  private final double[] minutes = new double[60];
  private long currentMinute = Long.MIN_VALUE;
  private double total;

  void add(long nowNanos, double ml) {
    roll(nowNanos);
    minutes[(int) Math.floorMod(currentMinute, 60L)] += ml;
    total += ml;
  }

  double lastHour(long nowNanos) {
    roll(nowNanos);
    double sum = 0;
    for (double ml : minutes) {
      sum += ml;
    }
    return sum;
  }

  double total() {
    return total;
  }

  private void roll(long nowNanos) {
    long minute = Math.floorDiv(nowNanos, MINUTE_NANOS);
    if (currentMinute == Long.MIN_VALUE || minute - currentMinute >= 60) {
      java.util.Arrays.fill(minutes, 0);
    } else {
      for (long m = currentMinute + 1; m <= minute; m++) {
        minutes[(int) Math.floorMod(m, 60L)] = 0;
      }
    }
    currentMinute = Math.max(currentMinute, minute);
  }
}
