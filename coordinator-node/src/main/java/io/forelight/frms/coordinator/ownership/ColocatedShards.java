package io.forelight.frms.coordinator.ownership;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Puts shard N of every entity type on the same node: a reactor's Reactor entity (with its link)
 * and its SensorLog are keyed by the reactor id, so they share a shard number, and with this
 * strategy a store is a local message and a node's crash stops only its own reactors. Each shard
 * goes to the member whose address scores highest for it (rendezvous hashing), which every entity
 * type's coordinator computes alike from the same members; when members come or go, only the shards
 * whose winner changed move, {@code maxMovesPerRound} at a time.
 */
public final class ColocatedShards extends ShardCoordinator.AbstractShardAllocationStrategy {

  static final String KEY = "frms.coordinator.ownership.colocate-shards";

  /** Shards moved per rebalance round (every 10 s): a joining node takes its share gradually. */
  private static final int MAX_MOVES_PER_ROUND = 10;

  private final Function<ActorRef, Address> memberOf;
  private final int maxMovesPerRound;

  /**
   * {@code selfAddress}: this node's cluster address (the coordinator's own region is a local
   * actor, whose path has no host).
   */
  public ColocatedShards(Address selfAddress, int maxMovesPerRound) {
    this(
        region -> {
          Address address = region.path().address();
          return address.hasLocalScope() ? selfAddress : address;
        },
        maxMovesPerRound);
  }

  /** With {@code memberOf} telling the member each shard region runs on. */
  ColocatedShards(Function<ActorRef, Address> memberOf, int maxMovesPerRound) {
    this.memberOf = memberOf;
    this.maxMovesPerRound = maxMovesPerRound;
  }

  @Override
  public Future<ActorRef> allocateShard(
      ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> allocations) {
    return Future.successful(winner(shardId, allocations.keySet()));
  }

  @Override
  public Future<Set<String>> rebalance(
      Map<ActorRef, IndexedSeq<String>> allocations, Set<String> inProgress) {
    Set<String> moves = new HashSet<>();
    allocations.forEach(
        (region, shards) -> {
          for (String shard : CollectionConverters.asJava(shards)) {
            if (moves.size() < maxMovesPerRound
                && !inProgress.contains(shard)
                && !winner(shard, allocations.keySet()).equals(region)) {
              moves.add(shard);
            }
          }
        });
    return Future.successful(moves);
  }

  /**
   * {@code entity} with this strategy when {@code frms.coordinator.ownership.colocate-shards} is
   * on, else as it is (Pekko's least-shards strategy, which places each entity type on its own).
   */
  public static <M, E> Entity<M, E> placed(Entity<M, E> entity, ActorSystem<?> system) {
    com.typesafe.config.Config config = system.settings().config();
    if (!config.hasPath(KEY) || !config.getBoolean(KEY)) {
      return entity;
    }
    Address self = Cluster.get(Adapter.toClassic(system)).selfAddress();
    return entity.withAllocationStrategy(new ColocatedShards(self, MAX_MOVES_PER_ROUND));
  }

  /** The region of the member that scores highest for {@code shardId}. */
  ActorRef winner(String shardId, Set<ActorRef> regions) {
    if (regions.isEmpty()) {
      throw new IllegalStateException("no shard region to allocate shard " + shardId + " to");
    }
    return regions.stream()
        .max(
            Comparator.<ActorRef>comparingLong(r -> score(shardId, memberOf.apply(r)))
                .thenComparing(r -> memberOf.apply(r).toString()))
        .orElseThrow();
  }

  /** A well-mixed 64-bit score of the pair, the same in every JVM (String hashes are specified). */
  static long score(String shardId, Address member) {
    long x = shardId.hashCode() * 0x9E3779B97F4A7C15L + member.toString().hashCode();
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return x ^ (x >>> 31);
  }
}
