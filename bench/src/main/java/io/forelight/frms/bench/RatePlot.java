package io.forelight.frms.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A {@link RateTimeline} drawn as an SVG line chart: readings offered, logged and stored per second
 * over time, with a dashed reference line (for example 90 % of the maximum) and the phases named
 * along the top. Plain SVG, so it opens in any browser and renders on GitHub.
 */
final class RatePlot {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private RatePlot() {}

  static void write(
      Path file,
      String title,
      List<RateTimeline.Window> windows,
      double reference,
      String referenceLabel)
      throws IOException {
    double maxX = windows.get(windows.size() - 1).endSeconds();
    double maxY = reference;
    for (RateTimeline.Window w : windows) {
      maxY = Math.max(maxY, Math.max(w.offered(), Math.max(w.logged(), w.stored())));
    }
    maxY = Math.ceil(maxY * 1.1 / 5000) * 5000;
    Scale scale = new Scale(maxX, maxY);
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                HEIGHT))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append(text(WIDTH / 2.0, 18, title, "middle", 14));
    axes(svg, scale);
    phases(svg, scale, windows);
    double refY = scale.y(reference);
    svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\""
                    + " stroke-dasharray=\"6 4\"/>%n",
                LEFT,
                refY,
                WIDTH - RIGHT,
                refY))
        .append(text(WIDTH - RIGHT - 4, refY - 4, referenceLabel, "end", 11));
    line(svg, scale, windows, RateTimeline.Window::offered, "#bbbbbb", "offered");
    line(svg, scale, windows, RateTimeline.Window::logged, "#e08a00", "logged");
    line(svg, scale, windows, RateTimeline.Window::stored, "#1f5fbf", "stored");
    legend(svg);
    svg.append("</svg>\n");
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, svg);
  }

  private record Scale(double maxX, double maxY) {
    double x(double seconds) {
      return LEFT + seconds / maxX * (WIDTH - LEFT - RIGHT);
    }

    double y(double rate) {
      return HEIGHT - BOTTOM - rate / maxY * (HEIGHT - TOP - BOTTOM);
    }
  }

  private static void axes(StringBuilder svg, Scale scale) {
    int steps = 5;
    for (int i = 0; i <= steps; i++) {
      double rate = scale.maxY() * i / steps;
      double y = scale.y(rate);
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                  LEFT,
                  y,
                  WIDTH - RIGHT,
                  y))
          .append(text(LEFT - 6, y + 4, String.format("%,.0f", rate), "end", 11));
    }
    double tick = scale.maxX() > 1200 ? 300 : 60;
    for (double t = 0; t <= scale.maxX(); t += tick) {
      svg.append(
          text(scale.x(t), HEIGHT - BOTTOM + 16, String.format("%.0f", t / 60), "middle", 11));
    }
    svg.append(text(WIDTH / 2.0, HEIGHT - 12, "minutes", "middle", 12))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">"
                    + "readings/s (10 s windows)</text>%n",
                HEIGHT / 2,
                HEIGHT / 2));
  }

  private static void phases(StringBuilder svg, Scale scale, List<RateTimeline.Window> windows) {
    String current = null;
    double start = 0;
    int named = 0;
    for (RateTimeline.Window w : windows) {
      if (!w.phase().equals(current)) {
        // Names alternate between two rows: a short phase would put its name over the next one's.
        int nameY = TOP + 12 + (named++ % 2) * 14;
        double x = scale.x(start);
        svg.append(
                String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>%n",
                    x,
                    TOP,
                    x,
                    HEIGHT - BOTTOM))
            .append(text(x + 4, nameY, w.phase(), "start", 11));
        current = w.phase();
      }
      start = w.endSeconds();
    }
  }

  private static void line(
      StringBuilder svg,
      Scale scale,
      List<RateTimeline.Window> windows,
      ToDoubleFunction<RateTimeline.Window> value,
      String colour,
      String name) {
    StringBuilder points = new StringBuilder();
    for (RateTimeline.Window w : windows) {
      points.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f ",
              scale.x(w.endSeconds()),
              scale.y(Math.max(0, value.applyAsDouble(w)))));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"><title>%s"
                + "</title></polyline>%n",
            colour,
            points.toString().trim(),
            name));
  }

  private static void legend(StringBuilder svg) {
    String[][] entries = {{"offered", "#bbbbbb"}, {"logged", "#e08a00"}, {"stored", "#1f5fbf"}};
    double x = LEFT + 10;
    for (String[] entry : entries) {
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<rect x=\"%.1f\" y=\"%d\" width=\"14\" height=\"3\" fill=\"%s\"/>%n",
                  x,
                  HEIGHT - BOTTOM - 14,
                  entry[1]))
          .append(text(x + 18, HEIGHT - BOTTOM - 9, entry[0], "start", 11));
      x += 80;
    }
  }

  private static String text(double x, double y, String text, String anchor, int size) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
        x,
        y,
        anchor,
        size,
        text.replace("&", "&amp;").replace("<", "&lt;"));
  }
}
