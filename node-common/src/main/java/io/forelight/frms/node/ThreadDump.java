package io.forelight.frms.node;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The stacks of a node's threads as text, for a log line when something that should take seconds
 * has not happened (a start step waiting past its patience): what each thread does, what it waits
 * for and which thread holds that, so a hang can be read from the log afterwards.
 */
public final class ThreadDump {

  /** Frames shown per thread: enough to see whose code it is in. */
  static final int DEPTH = 24;

  private ThreadDump() {}

  /** Every live thread, sorted by name, with its state, lock and top {@link #DEPTH} frames. */
  public static String text() {
    ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
    return Arrays.stream(threads)
        .sorted(Comparator.comparing(ThreadInfo::getThreadName))
        .map(ThreadDump::describe)
        .collect(Collectors.joining("\n"));
  }

  static String describe(ThreadInfo thread) {
    StringBuilder text = new StringBuilder();
    text.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
    if (thread.getLockName() != null) {
      text.append(" on ").append(thread.getLockName());
    }
    if (thread.getLockOwnerName() != null) {
      text.append(" held by \"").append(thread.getLockOwnerName()).append('"');
    }
    StackTraceElement[] frames = thread.getStackTrace();
    for (int i = 0; i < Math.min(DEPTH, frames.length); i++) {
      text.append("\n    at ").append(frames[i]);
    }
    if (frames.length > DEPTH) {
      text.append("\n    ... ").append(frames.length - DEPTH).append(" more");
    }
    return text.toString();
  }
}
