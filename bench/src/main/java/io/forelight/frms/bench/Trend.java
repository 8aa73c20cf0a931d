package io.forelight.frms.bench;

import java.util.List;

/**
 * A figure sampled over a soak: where it started, where it was after the warm-up, where it ended,
 * and its least-squares slope over the samples after the warm-up (per hour, and as growth over 24
 * hours). Something that leaks grows with every reading, and the slope shows it.
 */
final class Trend {

  /** One sample: minutes since the start and the figure's value. */
  record Point(double minutes, double value) {}

  private Trend() {}

  static void report(
      Report report, String name, List<Point> points, double warmUpMinutes, String unit) {
    List<Point> settled = points.stream().filter(p -> p.minutes() >= warmUpMinutes).toList();
    double slopePerMinute = 0;
    if (settled.size() >= 2) { // else no trend is reported
      double meanX = settled.stream().mapToDouble(Point::minutes).average().orElse(0);
      double meanY = settled.stream().mapToDouble(Point::value).average().orElse(0);
      double sxy = 0;
      double sxx = 0;
      for (Point p : settled) {
        sxy += (p.minutes() - meanX) * (p.value() - meanY);
        sxx += (p.minutes() - meanX) * (p.minutes() - meanX);
      }
      slopePerMinute = sxx == 0 ? 0 : sxy / sxx;
    }
    report.add(name + " at the start", points.get(0).value(), unit);
    report.add(name + " at the end", points.get(points.size() - 1).value(), unit);
    if (settled.size() < 2) {
      // a soak shorter than its warm-up: a trend of 0 would read as "flat"
      report.add(
          name + " trend",
          "none: fewer than 2 samples after the " + Math.round(warmUpMinutes) + "-min warm-up",
          "");
      return;
    }
    report.add(name + " after " + Math.round(warmUpMinutes) + " min", settled.get(0).value(), unit);
    report.add(name + " trend after warm-up, per hour", slopePerMinute * 60, unit + "/h");
    report.add(name + ": 24 h at that trend", slopePerMinute * 60 * 24, unit);
  }
}
