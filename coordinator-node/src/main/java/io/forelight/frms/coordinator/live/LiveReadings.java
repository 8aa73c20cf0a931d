package io.forelight.frms.coordinator.live;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.readings.Reading;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Readings as they are stored, per reactor, for live views: one cluster-wide pub-sub topic per
 * reactor (a topic actor on each node that publishes or subscribes). Publishing never blocks and a
 * slow or absent subscriber costs the store nothing.
 */
public final class LiveReadings {

  /**
   * Readings of one reactor, just stored: {@code storedAtMicros} is when their commit was reported
   * (this node's clock; 0 from a node that did not say), so a page can tell how long drawing took.
   */
  public record LiveBatch(String reactorId, List<Reading> readings, long storedAtMicros)
      implements CborSerializable {}

  private final ActorSystem<?> system;
  private final Map<String, ActorRef<Topic.Command<LiveBatch>>> topics = new ConcurrentHashMap<>();

  public LiveReadings(ActorSystem<?> system) {
    this.system = system;
  }

  public void publish(String reactorId, List<Reading> readings) {
    long now = System.currentTimeMillis() * 1000;
    topic(reactorId).tell(Topic.publish(new LiveBatch(reactorId, readings, now)));
  }

  public ActorRef<Topic.Command<LiveBatch>> topic(String reactorId) {
    return topics.computeIfAbsent(
        reactorId,
        id ->
            system.systemActorOf(
                Topic.create(LiveBatch.class, "live-readings-" + id), "live-" + id, Props.empty()));
  }
}
