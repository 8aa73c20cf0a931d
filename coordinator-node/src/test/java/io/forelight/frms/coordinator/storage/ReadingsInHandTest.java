package io.forelight.frms.coordinator.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The node's bound on readings taken from reactors and not yet stored. */
class ReadingsInHandTest {

  private final ReadingsInHand room = new ReadingsInHand(100, Runnable::run);

  private static boolean admitted(java.util.concurrent.CompletionStage<Void> take) {
    return take.toCompletableFuture().isDone();
  }

  @Test
  void readingsAreLetInWhileThereIsRoomAndWaitInTurnOtherwise() {
    assertTrue(admitted(room.take(60)));
    var big = room.take(50);
    var small = room.take(10); // fits, but a link asked before it
    assertFalse(admitted(big));
    assertFalse(admitted(small));
    assertEquals(2, room.waiting());

    room.release(30);
    assertTrue(admitted(big));
    assertTrue(admitted(small));
    assertEquals(90, room.held());
  }

  @Test
  void aBatchLargerThanTheWholeBoundIsLetInAlone() {
    var first = room.take(10);
    var huge = room.take(500);
    assertTrue(admitted(first));
    assertFalse(admitted(huge));

    room.release(10);
    assertTrue(admitted(huge));
    assertEquals(500, room.held());
    assertFalse(admitted(room.take(1)));
  }

  @Test
  void aWithdrawnTakeIsNeverLetInAndTakesNoRoom() {
    room.take(100);
    var abandoned = room.take(50);
    var next = room.take(50);

    assertTrue(room.withdraw(abandoned));
    assertFalse(room.withdraw(new CompletableFuture<Void>()));
    room.release(100);
    assertFalse(admitted(abandoned));
    assertTrue(admitted(next));
    assertEquals(50, room.held());
  }

  @Test
  void aBoundBelowOneIsRefusedNamingTheSetting() {
    var error =
        assertThrows(IllegalArgumentException.class, () -> new ReadingsInHand(0, Runnable::run));
    assertTrue(error.getMessage().contains("frms.coordinator.ingest.max-readings-in-hand"));
  }

  @Test
  void roomMadeByOneReleaseAdmitsOnTheExecutorNotTheReleasingThread() {
    java.util.List<Runnable> executed = new java.util.ArrayList<>();
    ReadingsInHand deferred = new ReadingsInHand(10, executed::add);
    deferred.take(10);
    CompletableFuture<Void> next = deferred.take(5).toCompletableFuture();

    deferred.release(10);
    assertFalse(next.isDone());
    executed.forEach(Runnable::run);
    assertTrue(next.isDone());
  }
}
