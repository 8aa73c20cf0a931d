package io.forelight.frms.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live objects of another JVM by class, from {@code jcmd <pid> GC.class_histogram} (which runs
 * a full collection first, so only reachable objects count).
 */
record HeapHistogram(long totalBytes, Map<String, Long> bytesByClass) {

  static HeapHistogram of(long pid) throws IOException, InterruptedException {
    String output = jcmd(pid, "GC.class_histogram");
    Map<String, Long> byClass = new HashMap<>();
    long total = -1;
    for (String line : output.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 4 && fields[0].endsWith(":")) {
        byClass.merge(fields[3], Long.parseLong(fields[2]), Long::sum);
      } else if (fields.length == 3 && fields[0].equals("Total")) {
        total = Long.parseLong(fields[2]);
      }
    }
    if (total < 0) {
      throw new IllegalStateException("no total in the histogram: " + output);
    }
    return new HeapHistogram(total, byClass);
  }

  /** Writes the live objects of {@code pid} to {@code file} (HPROF, after a full collection). */
  static void dump(long pid, Path file) throws IOException, InterruptedException {
    jcmd(pid, "GC.heap_dump", file.toString());
  }

  private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> line = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  /** Growth from {@code before} to this by the area a class belongs to, in a fixed order. */
  Map<String, Long> grownByArea(HeapHistogram before) {
    Map<String, Long> areas = new LinkedHashMap<>();
    for (String area : AREAS) {
      areas.put(area, 0L);
    }
    bytesByClass.forEach(
        (type, bytes) ->
            areas.merge(
                areaOf(type), bytes - before.bytesByClass.getOrDefault(type, 0L), Long::sum));
    return areas;
  }

  private static final List<String> AREAS =
      List.of(
          "gRPC and netty (the link's HTTP/2 connection)",
          "Pekko streams, gRPC and HTTP stages (the link's streams)",
          "Pekko actors, persistence, sharding",
          "Cassandra driver",
          "FRMS classes (entity state, readings)",
          "arrays, strings, JDK and Scala collections (used by all of the above)");

  private static String areaOf(String type) {
    if (type.startsWith("io.grpc.")) {
      return AREAS.get(0);
    }
    if (type.startsWith("org.apache.pekko.stream.")
        || type.startsWith("org.apache.pekko.grpc.")
        || type.startsWith("org.apache.pekko.http.")) {
      return AREAS.get(1);
    }
    if (type.startsWith("org.apache.pekko.")) {
      return AREAS.get(2);
    }
    if (type.startsWith("com.datastax.")) {
      return AREAS.get(3);
    }
    if (type.startsWith("io.forelight.")) {
      return AREAS.get(4);
    }
    return AREAS.get(5);
  }

  /** The classes that grew most from {@code before} to this, largest first. */
  List<Map.Entry<String, Long>> grownSince(HeapHistogram before, int top) {
    Map<String, Long> delta = new HashMap<>();
    bytesByClass.forEach(
        (type, bytes) -> delta.put(type, bytes - before.bytesByClass.getOrDefault(type, 0L)));
    return delta.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .toList();
  }
}
