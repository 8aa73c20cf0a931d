package io.forelight.frms.devkit.cassandra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads MemAvailable from /proc/meminfo; -1 where that file does not exist. */
final class MemoryInfo {

  private MemoryInfo() {}

  static long availableMb() {
    Path meminfo = Path.of("/proc/meminfo");
    if (!Files.isReadable(meminfo)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.startsWith("MemAvailable:")) {
          String kb = line.replaceAll("[^0-9]", "");
          return Long.parseLong(kb) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
