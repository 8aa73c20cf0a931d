package io.forelight.frms.coordinator.live;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.readings.Reading;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * Readings as they are stored, for live views: cluster-wide pub-sub over {@link #TOPICS} topics,
 * each carrying the readings of the reactors whose id hashes to it (a topic actor on each node that
 * publishes or subscribes to it), so a node holds at most that many topic actors however many
 * reactors it stores, not one per reactor whether anyone watches it or not. A subscriber gets its
 * topic's other reactors too and keeps its own ({@link LiveBatch#reactorId()}). Publishing never
 * blocks and a slow or absent subscriber costs the store nothing.
 */
public final class LiveReadings {

  /**
   * Topics in the cluster. Every node must agree on it (a reactor's topic is its id's hash modulo
   * this), so it is a constant, not a setting: nodes of a version with another count do not see
   * each other's live readings during a rolling upgrade.
   */
  static final int TOPICS = 64;

  /** Batches of a subscriber's topic waiting to be sorted by reactor. */
  private static final int SORTING = 256;

  /**
   * Readings of one reactor, just stored: {@code storedAtMicros} is when their commit was reported
   * (this node's clock; 0 from a node that did not say), so a page can tell how long drawing took.
   */
  public record LiveBatch(String reactorId, List<Reading> readings, long storedAtMicros)
      implements CborSerializable {}

  private final ActorSystem<?> system;
  private final Map<Integer, ActorRef<Topic.Command<LiveBatch>>> topics = new ConcurrentHashMap<>();

  public LiveReadings(ActorSystem<?> system) {
    this.system = system;
  }

  public void publish(String reactorId, List<Reading> readings) {
    long now = System.currentTimeMillis() * 1000;
    topic(reactorId).tell(Topic.publish(new LiveBatch(reactorId, readings, now)));
  }

  /**
   * The topic carrying {@code reactorId}'s readings (and those of the other reactors hashed to it).
   */
  private ActorRef<Topic.Command<LiveBatch>> topic(String reactorId) {
    return topics.computeIfAbsent(
        topicOf(reactorId),
        index ->
            system.systemActorOf(
                Topic.create(LiveBatch.class, "live-readings-" + index),
                "live-" + index,
                Props.empty()));
  }

  /**
   * The batches of {@code reactorId} published from now on, anywhere in the cluster, while the
   * source runs: subscribed to its topic when materialized, unsubscribed when it ends. At most
   * {@code buffer} of them wait for a slow consumer, the oldest dropped first; the topic's batches
   * of other reactors are dropped on arrival (at most {@link #SORTING} wait to be sorted, which
   * only fills while the node's dispatcher is starved).
   */
  public Source<LiveBatch, NotUsed> batchesOf(String reactorId, int buffer) {
    ActorRef<Topic.Command<LiveBatch>> topic = topic(reactorId);
    return ActorSource.<LiveBatch>actorRef(
            message -> false, message -> Optional.empty(), SORTING, OverflowStrategy.dropHead())
        .mapMaterializedValue(
            subscriber -> {
              topic.tell(Topic.subscribe(subscriber));
              return subscriber;
            })
        .watchTermination(
            (subscriber, done) -> {
              done.whenComplete((ok, error) -> topic.tell(Topic.unsubscribe(subscriber)));
              return NotUsed.notUsed();
            })
        .filter(batch -> batch.reactorId().equals(reactorId))
        .buffer(buffer, OverflowStrategy.dropHead());
  }

  /**
   * The same on every node ({@link String#hashCode()} is specified, not per JVM), its bits mixed
   * (MurmurHash3's finalizer): ids that differ in their last characters, as a fleet's do, would
   * otherwise share few low bits and crowd into some topics.
   */
  static int topicOf(String reactorId) {
    int h = reactorId.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, TOPICS);
  }
}
