package io.forelight.frms.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live objects of another JVM by class, from {@code jcmd <pid> GC.class_histogram} (which runs
 * a full collection first, so only reachable objects count).
 */
record HeapHistogram(long totalBytes, Map<String, Long> bytesByClass) {

  static HeapHistogram of(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("jcmd failed: " + output);
    }
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
