package io.forelight.frms.coordinator.ownership;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.pattern.Patterns;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;

/**
 * Puts shard N of one entity type (SensorLog) on the member where shard N of another (Reactor, the
 * leading type) lives: both are keyed by the reactor id, so a reactor's link and its SensorLog
 * share a node, a store is a local message, and a node's crash stops only its own reactors. The
 * leading type keeps Pekko's own placement (least shards); this strategy asks the leading type's
 * regions where its shards are (the cluster sharding stats, at most once a second) and allocates
 * alike, else to the region that asked (the link's node, usually); each rebalance round it moves up
 * to {@code maxMovesPerRound} shards that are not with their leader.
 */
public final class ColocatedShards extends ShardCoordinator.AbstractShardAllocationStrategy {

  static final String KEY = "frms.coordinator.ownership.colocate-shards";

  /** Shards moved per rebalance round (every 10 s): they follow their leaders gradually. */
  private static final int MAX_MOVES_PER_ROUND = 10;

  /** How long the leading type's regions have to say where its shards are. */
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

  /** A placement read this recently is used again (many shards are allocated at once at start). */
  private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Function<ActorRef, Address> memberOf;
  private final Supplier<CompletionStage<Map<String, Address>>> leaders;
  private final int maxMovesPerRound;
  private CompletionStage<Map<String, Address>> recent;
  private long recentAtNanos;

  /**
   * {@code memberOf}: the member each of this type's shard regions runs on; {@code leaders}: where
   * each shard of the leading type lives now, by member.
   */
  ColocatedShards(
      Function<ActorRef, Address> memberOf,
      Supplier<CompletionStage<Map<String, Address>>> leaders,
      int maxMovesPerRound) {
    this.memberOf = memberOf;
    this.leaders = leaders;
    this.maxMovesPerRound = maxMovesPerRound;
  }

  /**
   * {@code entity} placed with the shards of {@code leadingType} when {@code
   * frms.coordinator.ownership.colocate-shards} is on, else as it is (Pekko's least-shards
   * strategy, which places each entity type on its own).
   */
  public static <M, E> Entity<M, E> following(
      String leadingType, Entity<M, E> entity, ActorSystem<?> system) {
    Config config = system.settings().config();
    if (!config.hasPath(KEY) || !config.getBoolean(KEY)) {
      return entity;
    }
    org.apache.pekko.actor.ActorSystem classic = Adapter.toClassic(system);
    Address self = Cluster.get(classic).selfAddress();
    Function<ActorRef, Address> memberOf =
        region -> region.path().address().hasLocalScope() ? self : region.path().address();
    return entity.withAllocationStrategy(
        new ColocatedShards(
            memberOf, () -> placement(classic, leadingType, self), MAX_MOVES_PER_ROUND));
  }

  /** Where each shard of {@code type} lives now, by member, from its regions' stats. */
  private static CompletionStage<Map<String, Address>> placement(
      org.apache.pekko.actor.ActorSystem classic, String type, Address self) {
    ActorRef region;
    try {
      region = ClusterSharding.get(classic).shardRegion(type);
    } catch (IllegalStateException | IllegalArgumentException notStarted) {
      return CompletableFuture.failedFuture(notStarted);
    }
    FiniteDuration timeout = FiniteDuration.create(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return Patterns.ask(
            region, new ShardRegion.GetClusterShardingStats(timeout), ASK_TIMEOUT.plusSeconds(1))
        .thenApply(
            reply -> {
              Map<String, Address> homes = new HashMap<>();
              ((ShardRegion.ClusterShardingStats) reply)
                  .getRegions()
                  .forEach(
                      (member, stats) ->
                          stats
                              .getStats()
                              .keySet()
                              .forEach(
                                  shard ->
                                      homes.put(shard, member.hasLocalScope() ? self : member)));
              return homes;
            });
  }

  @Override
  public Future<ActorRef> allocateShard(
      ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> allocations) {
    return FutureConverters.asScala(
        currentLeaders()
            .handle(
                (homes, error) ->
                    withLeader(shardId, allocations.keySet(), homes == null ? Map.of() : homes)
                        .orElseGet(() -> fallback(requester, allocations))));
  }

  @Override
  public Future<Set<String>> rebalance(
      Map<ActorRef, IndexedSeq<String>> allocations, Set<String> inProgress) {
    return FutureConverters.asScala(
        currentLeaders()
            .handle(
                (homes, error) ->
                    homes == null ? Set.of() : moves(allocations, inProgress, homes)));
  }

  /** The shards not on their leader's member that can go there, up to the round's limit. */
  private Set<String> moves(
      Map<ActorRef, IndexedSeq<String>> allocations,
      Set<String> inProgress,
      Map<String, Address> homes) {
    Set<String> moves = new HashSet<>();
    allocations.forEach(
        (region, shards) -> {
          for (String shard : CollectionConverters.asJava(shards)) {
            Optional<ActorRef> leader = withLeader(shard, allocations.keySet(), homes);
            if (moves.size() < maxMovesPerRound
                && !inProgress.contains(shard)
                && leader.isPresent()
                && !leader.get().equals(region)) {
              moves.add(shard);
            }
          }
        });
    return moves;
  }

  /** This type's region on the member where the leading type's shard lives, if there is one. */
  private Optional<ActorRef> withLeader(
      String shardId, Set<ActorRef> regions, Map<String, Address> homes) {
    Address home = homes.get(shardId);
    return home == null
        ? Optional.empty()
        : regions.stream().filter(r -> memberOf.apply(r).equals(home)).findFirst();
  }

  /** The region that asked, if it can host shards; else the one with the fewest. */
  private static ActorRef fallback(
      ActorRef requester, Map<ActorRef, IndexedSeq<String>> allocations) {
    if (allocations.containsKey(requester)) {
      return requester;
    }
    return allocations.entrySet().stream()
        .min(Comparator.comparingInt(e -> e.getValue().size()))
        .map(Map.Entry::getKey)
        .orElseThrow(() -> new IllegalStateException("no shard region to allocate a shard to"));
  }

  private CompletionStage<Map<String, Address>> currentLeaders() {
    long now = System.nanoTime();
    if (recent == null || now - recentAtNanos > REUSE_NANOS) {
      recent = leaders.get().toCompletableFuture();
      recentAtNanos = now;
    }
    return recent;
  }
}
