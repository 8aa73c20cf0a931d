package io.forelight.frms.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one benchmark run: printed as a markdown table and written to {@code
 * <results>/<name>.json} and {@code <results>/<name>.md}, with when and where it ran.
 */
public final class Report {

  private final String name;
  private final String title;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();

  public Report(String name, String title) {
    this.name = name;
    this.title = title;
  }

  public Report add(String figure, Object value, String unit) {
    figures.put(figure, value);
    units.put(figure, unit);
    return this;
  }

  public void publish(Bench.Options options) {
    String machine = machine();
    StringBuilder md = new StringBuilder();
    md.append("### ").append(title).append("\n\n");
    md.append("Ran ").append(Instant.now()).append(" on ").append(machine).append("\n\n");
    md.append("| figure | value | unit |\n|---|---:|---|\n");
    figures.forEach(
        (figure, value) ->
            md.append("| ")
                .append(figure)
                .append(" | ")
                .append(format(value))
                .append(" | ")
                .append(units.get(figure))
                .append(" |\n"));
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"benchmark\": \"").append(name).append("\",\n");
    json.append("  \"ranAt\": \"").append(Instant.now()).append("\",\n");
    json.append("  \"machine\": \"").append(machine).append("\",\n");
    json.append("  \"figures\": {\n");
    int i = 0;
    for (Map.Entry<String, Object> e : figures.entrySet()) {
      json.append("    \"")
          .append(e.getKey())
          .append("\": {\"value\": ")
          .append(jsonValue(e.getValue()))
          .append(", \"unit\": \"")
          .append(units.get(e.getKey()))
          .append("\"}")
          .append(++i < figures.size() ? ",\n" : "\n");
    }
    json.append("  }\n}\n");
    System.out.println();
    System.out.println(md);
    Path dir = Path.of(options.string("results", "bench/results"));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".json"), json);
      Files.writeString(dir.resolve(name + ".md"), md);
      System.out.println("written to " + dir.toAbsolutePath().resolve(name + ".{json,md}"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String format(Object value) {
    return value instanceof Double d ? String.format("%,.1f", d) : String.valueOf(value);
  }

  private static String jsonValue(Object value) {
    return value instanceof Number ? String.valueOf(value) : "\"" + value + "\"";
  }

  static String machine() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown";
    }
    return host
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MB max heap of the bench JVM, Java "
        + Runtime.version();
  }
}
