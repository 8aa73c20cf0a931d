package io.forelight.frms.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * What a node's log says of its start, short enough for a test's failure message (which is all a CI
 * run's summary keeps): the start's milestones (tables ready or retried, ports bound, serving) and,
 * when a start step waited past its patience, the stacks of the threads then in our code or waiting
 * on the main thread's behalf, from the thread dump that warning carries.
 */
final class NodeStartLog {

  private static final List<String> MILESTONES =
      List.of(
          "tables of keyspace",
          "Bound Pekko Management",
          "serves HTTP",
          "not ready after",
          "start failed");

  /** Frames kept per thread shown. */
  private static final int FRAMES = 6;

  private NodeStartLog() {}

  static String summary(String log) {
    List<String> lines = log.lines().toList();
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean milestone = MILESTONES.stream().anyMatch(line::contains) || line.endsWith(" ready");
      if (milestone && !line.startsWith("\"") && !line.startsWith("    ")) {
        shown.add(line.length() > 300 ? line.substring(0, 300) + " …" : line);
        if (line.contains("not ready after")) {
          shown.addAll(threadsOfInterest(lines, i + 1));
        }
      }
    }
    return shown.isEmpty() ? "(nothing logged about its start)" : String.join("\n  ", shown);
  }

  /** From a thread dump starting at {@code from}: threads in FRMS code, and the main thread. */
  private static List<String> threadsOfInterest(List<String> lines, int from) {
    List<String> shown = new ArrayList<>();
    List<String> thread = new ArrayList<>();
    for (int i = from; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : "";
      boolean frame = line.startsWith("    at ") || line.startsWith("    ... ");
      if (!frame) {
        if (!thread.isEmpty() && interesting(thread)) {
          shown.addAll(thread.subList(0, Math.min(thread.size(), FRAMES + 1)));
        }
        thread.clear();
        if (!line.startsWith("\"")) {
          break; // the dump ended
        }
      }
      thread.add(line);
    }
    return shown;
  }

  private static boolean interesting(List<String> thread) {
    return thread.get(0).startsWith("\"main\"")
        || thread.stream().anyMatch(frame -> frame.contains("io.forelight"));
  }
}
