package io.forelight.frms.coordinator.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorNotFound;
import org.apache.pekko.actor.ActorSelection;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.AskTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A shard lease is released when its shard actor is gone from the node: "gone" must mean the node
 * said so, never that it did not answer in time (a busy node's shard answers late).
 */
class ShardRunsHereTest {

  private static final ActorTestKit testKit = ActorTestKit.create("shard-runs-here");
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static ActorSelection select(String path) {
    return Adapter.toClassic(testKit.system()).actorSelection(path);
  }

  private static Optional<org.apache.pekko.actor.ActorRef> find(ActorSelection selection)
      throws Exception {
    return Ownership.find(selection, TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void nothingAtThePathIsNotRunning() throws Exception {
    assertTrue(find(select("/user/no-such-shard")).isEmpty());
  }

  @Test
  void anIdleActorIsRunning() throws Exception {
    ActorRef<String> shard = testKit.spawn(Behaviors.ignore(), "idle-shard");
    assertEquals(
        Optional.of(Adapter.toClassic(shard)), find(select(shard.path().toStringWithoutAddress())));
  }

  @Test
  void anActorTooBusyToAnswerInTimeIsNotTakenForGone() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ActorRef<String> shard =
        testKit.spawn(
            Behaviors.receiveMessage(
                message -> {
                  release.await(10, TimeUnit.SECONDS); // busy: Identify waits in its mailbox
                  return Behaviors.same();
                }),
            "busy-shard",
            DispatcherSelector.blocking());
    shard.tell("work");
    ActorSelection selection = select(shard.path().toStringWithoutAddress());
    try {
      // what resolveOne says of the same actor: not found (the lease used to be released here)
      ExecutionException resolved =
          assertThrows(
              ExecutionException.class,
              () -> selection.resolveOne(TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertInstanceOf(ActorNotFound.class, resolved.getCause());
      ExecutionException unanswered = assertThrows(ExecutionException.class, () -> find(selection));
      assertInstanceOf(AskTimeoutException.class, unanswered.getCause());
    } finally {
      release.countDown();
    }
  }
}
