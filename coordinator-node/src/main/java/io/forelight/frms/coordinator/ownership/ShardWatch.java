package io.forelight.frms.coordinator.ownership;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs what a shard lease asked for when its shard actor stops on this node (handoff, shutdown, a
 * shard that failed): DeathWatch, so a held lease costs nothing between its heartbeats (it used to
 * ask its shard "are you there?" twice a second, 400 asks a second on a node with 200 shards). One
 * entry per shard actor running here, dropped when it stops. Local only: its messages carry code.
 */
final class ShardWatch {

  /** Run {@code whenStopped} once {@code shard} has stopped (at once if it already has). */
  record Watch(ActorRef<Void> shard, Runnable whenStopped) {}

  private ShardWatch() {}

  static Behavior<Watch> create() {
    return Behaviors.setup(
        context -> {
          Map<ActorRef<?>, List<Runnable>> waiting = new HashMap<>();
          return Behaviors.receive(Watch.class)
              .onMessage(
                  Watch.class,
                  watch -> {
                    waiting
                        .computeIfAbsent(
                            watch.shard(),
                            shard -> {
                              context.watch(shard);
                              return new ArrayList<>(1);
                            })
                        .add(watch.whenStopped());
                    return Behaviors.same();
                  })
              .onSignal(
                  Terminated.class,
                  stopped -> {
                    List<Runnable> then = waiting.remove(stopped.getRef());
                    if (then != null) {
                      then.forEach(Runnable::run);
                    }
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
