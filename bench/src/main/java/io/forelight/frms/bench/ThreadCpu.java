package io.forelight.frms.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU ticks of a process's threads grouped by what they do (from /proc/PID/task/TID/stat), so a
 * node's fixed cost can be told apart: the timer thread, the JIT, the actors' dispatchers, the log
 * writer, the JVM's own.
 */
final class ThreadCpu {

  private final Map<String, Long> ticksByThread;

  private ThreadCpu(Map<String, Long> ticksByThread) {
    this.ticksByThread = ticksByThread;
  }

  static ThreadCpu of(long pid) throws IOException {
    Map<String, Long> ticks = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          ticks.put(task.getFileName() + " " + name, ticks(stat));
        } catch (IOException ended) {
          // the thread ended between the listing and the read
        }
      }
    }
    return new ThreadCpu(ticks);
  }

  /** User plus system CPU ticks in a /proc {@code stat} line (of a process or a thread). */
  static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The ticks each group of threads spent since {@code before}, by group name. */
  Map<String, Long> since(ThreadCpu before) {
    Map<String, Long> groups = new TreeMap<>();
    ticksByThread.forEach(
        (thread, ticks) ->
            groups.merge(
                group(thread.substring(thread.indexOf(' ') + 1)),
                ticks - before.ticksByThread.getOrDefault(thread, 0L),
                Long::sum));
    return groups;
  }

  private static String group(String threadName) {
    if (threadName.contains("Compiler")) {
      return "JIT compiler";
    }
    if (threadName.contains("schedul")) {
      return "timer (scheduler tick)";
    }
    if (threadName.contains("dispatcher") || threadName.startsWith("reactor-")) {
      return "actors (dispatchers)";
    }
    if (threadName.startsWith("frms-flash-log")) {
      return "log writer";
    }
    if (threadName.startsWith("grpc") || threadName.contains("netty")) {
      return "link (gRPC)";
    }
    return "JVM and other";
  }
}
