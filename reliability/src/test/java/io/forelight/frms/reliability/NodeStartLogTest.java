package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NodeStartLogTest {

  private static final String HUNG =
      String.join(
          "\n",
          "2026-12-06 00:00:01,000 INFO  [c] [] Guardian - tables of keyspace k ready after 41 ms (45 statements)",
          "2026-12-06 00:00:02,000 INFO  [c] [] PekkoManagement - Bound Pekko Management (HTTP) endpoint to: 127.0.0.1:8558",
          "2026-12-06 00:00:32,000 WARN  [c] [] StartStep - the health checks (Pekko Management) not ready after 30 s (the machine is busy?); waiting up to 300 s in all; the node's threads now:",
          "\"frms-pekko.actor.default-dispatcher-5\" WAITING on java.lang.Object@1 held by \"main\"",
          "    at io.forelight.frms.coordinator.Something.waits(Something.java:1)",
          "    at java.lang.Thread.run(Thread.java:833)",
          "\"frms-scheduler-1\" TIMED_WAITING",
          "    at java.lang.Thread.sleep(Native Method)",
          "\"main\" TIMED_WAITING on java.util.concurrent.CompletableFuture$Signaller@2",
          "    at jdk.internal.misc.Unsafe.park(Native Method)",
          "    at io.forelight.frms.node.StartStep.await(StartStep.java:43)",
          "2026-12-06 00:00:33,000 INFO  [c] [] Reactor - reactor r: linked");

  @Test
  void showsTheMilestonesAndTheThreadsInOurCodeWhenAStepHung() {
    String summary = NodeStartLog.summary(HUNG);

    assertTrue(summary.contains("tables of keyspace k ready after 41 ms"), summary);
    assertTrue(summary.contains("Bound Pekko Management"), summary);
    assertTrue(summary.contains("not ready after 30 s"), summary);
    assertTrue(summary.contains("default-dispatcher-5\" WAITING"), summary);
    assertTrue(summary.contains("Something.waits"), summary);
    assertTrue(summary.contains("StartStep.await"), summary);
    assertFalse(summary.contains("frms-scheduler-1"), "a thread outside our code: " + summary);
    assertFalse(summary.contains("linked"), "not a start milestone: " + summary);
  }

  @Test
  void saysWhenTheLogHasNothingOfTheStart() {
    assertEquals("(nothing logged about its start)", NodeStartLog.summary("one\ntwo"));
  }
}
