package io.forelight.frms.coordinator.storage;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * How many readings a node has taken from its reactors and not yet stored, bounded for the whole
 * node. Each link is bounded on its own (a store in flight and one joined batch waiting), but a
 * node of 1,000 links that stores slower than it receives held up to 2.6 million of them (~480 MB
 * of protobuf objects): garbage-collection pauses of half a second every few seconds, shard leases
 * and journal calls timing out. With this bound a link takes readings from its reactor's stream
 * only once the node has room for them; the surplus waits on the reactors, which keep it in their
 * logs anyway.
 *
 * <p>Links are served in the order they asked. A batch larger than the whole bound is let in alone
 * (once nothing else is held), so no batch waits forever.
 */
public final class ReadingsInHand implements Extension {

  /** The node's bound, from {@code frms.coordinator.ingest.max-readings-in-hand}. */
  public static final ExtensionId<ReadingsInHand> ID =
      new ExtensionId<>() {
        @Override
        public ReadingsInHand createExtension(ActorSystem<?> system) {
          return new ReadingsInHand(
              system.settings().config().getLong("frms.coordinator.ingest.max-readings-in-hand"),
              system.executionContext());
        }
      };

  private record Waiter(long readings, CompletableFuture<Void> admitted) {}

  private final long capacity;
  private final Executor executor;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private long held;

  /** Readings let in when room is made start on {@code executor}, not on the releasing thread. */
  public ReadingsInHand(long capacity, Executor executor) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "frms.coordinator.ingest.max-readings-in-hand must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.executor = executor;
  }

  public static ReadingsInHand get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** A stream's account of the room it takes; {@link Share#end} when the stream ends. */
  public Share share() {
    return new Share(this);
  }

  /** Completes once the node has room for {@code readings} more; they are then held. */
  public CompletionStage<Void> take(long readings) {
    synchronized (this) {
      if (waiting.isEmpty() && fits(readings)) {
        held += readings;
        return CompletableFuture.completedFuture(null);
      }
      Waiter waiter = new Waiter(readings, new CompletableFuture<>());
      waiting.add(waiter);
      return waiter.admitted();
    }
  }

  /**
   * Withdraws a {@link #take} still waiting (its stream ended): it is not let in later, and
   * whatever its caller would have held goes with it. Returns whether it was still waiting.
   */
  public boolean withdraw(CompletionStage<Void> take) {
    synchronized (this) {
      return waiting.removeIf(waiter -> waiter.admitted() == take);
    }
  }

  /** {@code readings} taken before are stored (or dropped): room for others. */
  public void release(long readings) {
    ArrayDeque<Waiter> admitted = new ArrayDeque<>();
    synchronized (this) {
      held -= readings;
      while (!waiting.isEmpty() && fits(waiting.peek().readings())) {
        Waiter next = waiting.poll();
        held += next.readings();
        admitted.add(next);
      }
    }
    for (Waiter next : admitted) {
      executor.execute(() -> next.admitted().complete(null));
    }
  }

  private boolean fits(long readings) {
    return held + readings <= capacity || held == 0;
  }

  public synchronized long held() {
    return held;
  }

  public synchronized int waiting() {
    return waiting.size();
  }

  /**
   * What one link stream holds of the node's room: taken before a batch goes on, given back once
   * its store ends, and all of them when the stream ends (also readings let in after it ended, and
   * a store that ends after it).
   */
  public static final class Share {
    private final ReadingsInHand node;
    private long readings;
    private boolean ended;
    private CompletionStage<Void> asking;

    private Share(ReadingsInHand node) {
      this.node = node;
    }

    /** Completes once the node has room for {@code count} more, held by this stream. */
    public CompletionStage<Void> take(long count) {
      CompletionStage<Void> take = node.take(count);
      synchronized (this) {
        asking = take;
      }
      return take.thenRun(
          () -> {
            boolean late;
            synchronized (this) {
              late = ended;
              if (!late) {
                readings += count;
              }
            }
            if (late) {
              node.release(count);
            }
          });
    }

    /** {@code count} of what this stream took are stored (or dropped). */
    public void release(long count) {
      synchronized (this) {
        if (ended) {
          return;
        }
        readings -= count;
      }
      node.release(count);
    }

    /** Gives back what is held and withdraws a take still waiting (it holds a whole batch). */
    public void end() {
      long rest;
      CompletionStage<Void> waiting;
      synchronized (this) {
        ended = true;
        rest = readings;
        readings = 0;
        waiting = asking;
      }
      if (waiting != null) {
        node.withdraw(waiting);
      }
      if (rest > 0) {
        node.release(rest);
      }
    }
  }
}
