package io.forelight.frms.coordinator.history;

/**
 * What one sensor's readings of one UTC minute add up to, stored in {@code readings_by_minute} so a
 * long range is drawn from 1,440 rows a day instead of every reading: how many have a value, how
 * many have none (NaN), and the min, max and sum of the values (min and max are 0 when none has).
 */
public record Minute(
    String sensorId, long startMicros, long count, long bad, double min, double max, double sum) {

  public static final long MICROS = 60_000_000L;

  /** The start of the minute holding this time. */
  public static long startOf(long micros) {
    return Math.floorDiv(micros, MICROS) * MICROS;
  }

  /** Adds values one at a time; {@link #result} is the minute so far. */
  public static class Tally {
    private final String sensorId;
    private final long startMicros;
    private long count;
    private long bad;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;

    public Tally(String sensorId, long startMicros) {
      this.sensorId = sensorId;
      this.startMicros = startMicros;
    }

    public String sensorId() {
      return sensorId;
    }

    public long startMicros() {
      return startMicros;
    }

    public void add(double value) {
      if (Double.isNaN(value)) {
        bad++;
        return;
      }
      count++;
      sum += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }

    /** Adds what another tally of the same minute counted. */
    public void add(Minute counted) {
      bad += counted.bad();
      if (counted.count() == 0) {
        return;
      }
      count += counted.count();
      sum += counted.sum();
      min = Math.min(min, counted.min());
      max = Math.max(max, counted.max());
    }

    public Minute result() {
      return count == 0
          ? new Minute(sensorId, startMicros, 0, bad, 0, 0, 0)
          : new Minute(sensorId, startMicros, count, bad, min, max, sum);
    }
  }
}
