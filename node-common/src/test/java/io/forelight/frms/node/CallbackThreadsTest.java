package io.forelight.frms.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallbackThreadsTest {

  @Test
  void twoThreadsWhereTheDefaultWouldBeFewer() {
    assertEquals(OptionalInt.of(2), CallbackThreads.parallelismFor(1, null));
    assertEquals(OptionalInt.of(2), CallbackThreads.parallelismFor(2, null));
    assertEquals(OptionalInt.empty(), CallbackThreads.parallelismFor(3, null));
    assertEquals(OptionalInt.empty(), CallbackThreads.parallelismFor(16, ""));
    assertEquals(OptionalInt.empty(), CallbackThreads.parallelismFor(2, "1"), "set explicitly");
  }

  @Test
  void onTwoCoresAsyncCallbacksRunInThePoolNotOnANewThreadEach() throws Exception {
    assertEquals("Thread", callbackThreadOnTwoCores(false), "the JDK's default on two cores");
    assertEquals("ForkJoinPool.commonPool", callbackThreadOnTwoCores(true));
  }

  /**
   * Where an async callback ran in a fresh JVM that sees two cores: its thread's name, digits cut.
   */
  private static String callbackThreadOnTwoCores(boolean atLeastTwo)
      throws IOException, InterruptedException {
    Process probe =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=2",
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName(),
                Boolean.toString(atLeastTwo))
            .redirectErrorStream(true)
            .start();
    if (!probe.waitFor(60, TimeUnit.SECONDS)) {
      probe.destroyForcibly();
      throw new AssertionError("the probe JVM did not finish in 60 s");
    }
    List<String> lines =
        new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertEquals(0, probe.exitValue(), String.join("\n", lines));
    return lines.get(lines.size() - 1).replaceAll("-worker-\\d+|-\\d+$", "");
  }

  /** Prints the thread a {@code whenCompleteAsync} callback runs on (what Pekko's stages do). */
  static final class Probe {
    public static void main(String[] args) throws Exception {
      if (Boolean.parseBoolean(args[0])) {
        CallbackThreads.atLeastTwo();
      }
      CompletableFuture<String> ran = new CompletableFuture<>();
      CompletableFuture.completedFuture("done")
          .whenCompleteAsync((result, error) -> ran.complete(Thread.currentThread().getName()));
      System.out.println(ran.get(10, TimeUnit.SECONDS));
    }
  }
}
