package io.forelight.frms.coordinator.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Await;
import scala.concurrent.Future;
import scala.concurrent.duration.Duration;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Shard N of every entity type goes to the same member, the shards spread over the members, and a
 * new member takes only its own share, a few shards per round.
 */
class ColocatedShardsTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final List<Address> MEMBERS =
      List.of(
          new Address("pekko", "frms", "10.0.0.1", 25520),
          new Address("pekko", "frms", "10.0.0.2", 25520),
          new Address("pekko", "frms", "10.0.0.3", 25520));

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** One entity type's shard regions, one per member, with the member each runs on. */
  private record Regions(List<ActorRef> refs, Map<ActorRef, Address> members) {
    static Regions on(int count) {
      List<ActorRef> refs = new java.util.ArrayList<>();
      Map<ActorRef, Address> members = new HashMap<>();
      for (int i = 0; i < count; i++) {
        ActorRef ref = Adapter.toClassic(testKit.createTestProbe().ref());
        refs.add(ref);
        members.put(ref, MEMBERS.get(i));
      }
      return new Regions(refs, members);
    }

    ColocatedShards strategy(int maxMoves) {
      return new ColocatedShards(members::get, maxMoves);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return Await.result(future, Duration.create(1, TimeUnit.SECONDS));
  }

  private static Map<ActorRef, IndexedSeq<String>> empty(Regions regions) {
    Map<ActorRef, IndexedSeq<String>> allocations = new HashMap<>();
    regions.refs().forEach(r -> allocations.put(r, shards(List.of())));
    return allocations;
  }

  private static IndexedSeq<String> shards(List<String> ids) {
    return CollectionConverters.asScala(ids).toIndexedSeq();
  }

  @Test
  void everyEntityTypePutsAShardOnTheSameMemberAndTheShardsSpread() throws Exception {
    Regions reactors = Regions.on(2);
    Regions sensorLogs = Regions.on(2);
    Map<Address, Integer> perMember = new HashMap<>();
    for (int shard = 0; shard < 100; shard++) {
      String id = String.valueOf(shard);
      ActorRef reactorRegion =
          await(reactors.strategy(10).allocateShard(null, id, empty(reactors)));
      ActorRef logRegion =
          await(sensorLogs.strategy(10).allocateShard(null, id, empty(sensorLogs)));
      Address member = reactors.members().get(reactorRegion);
      assertEquals(member, sensorLogs.members().get(logRegion), "shard " + id);
      perMember.merge(member, 1, Integer::sum);
    }
    assertEquals(2, perMember.size());
    perMember
        .values()
        .forEach(n -> assertTrue(n >= 35 && n <= 65, "shards per member " + perMember));
  }

  @Test
  void aNewMemberTakesItsShareAFewShardsPerRoundAndNothingElseMoves() throws Exception {
    Regions regions = Regions.on(3);
    ColocatedShards twoMembers =
        new ColocatedShards(
            r -> regions.members().get(r), 100); // places shards as a two-member cluster would
    Map<ActorRef, List<String>> placed = new HashMap<>();
    Set<ActorRef> firstTwo = Set.of(regions.refs().get(0), regions.refs().get(1));
    for (int shard = 0; shard < 100; shard++) {
      String id = String.valueOf(shard);
      placed
          .computeIfAbsent(twoMembers.winner(id, firstTwo), r -> new java.util.ArrayList<>())
          .add(id);
    }
    Map<ActorRef, IndexedSeq<String>> allocations = new HashMap<>();
    regions.refs().forEach(r -> allocations.put(r, shards(placed.getOrDefault(r, List.of()))));

    ColocatedShards strategy = regions.strategy(10);
    Set<String> inProgress = Set.of(firstShardOf(strategy, regions, allocations));
    Set<String> moves = await(strategy.rebalance(allocations, inProgress));
    assertTrue(moves.size() <= 10 && !moves.isEmpty(), "moves " + moves);
    assertTrue(moves.stream().noneMatch(inProgress::contains), "a shard moving is not moved again");
    Set<ActorRef> all = new HashSet<>(regions.refs());
    for (String shard : moves) {
      assertEquals(regions.refs().get(2), strategy.winner(shard, all), "shard " + shard + " moves");
    }
    Set<String> allMoves = await(regions.strategy(100).rebalance(allocations, Set.of()));
    long share = allMoves.size();
    assertTrue(share >= 20 && share <= 45, "the third member takes about a third: " + share);
  }

  /** A shard that the third member should take (a move in progress, in the test above). */
  private static String firstShardOf(
      ColocatedShards strategy, Regions regions, Map<ActorRef, IndexedSeq<String>> allocations) {
    Set<ActorRef> all = new HashSet<>(regions.refs());
    for (IndexedSeq<String> shards : allocations.values()) {
      for (String shard : CollectionConverters.asJava(shards)) {
        if (strategy.winner(shard, all).equals(regions.refs().get(2))) {
          return shard;
        }
      }
    }
    throw new IllegalStateException("the third member wins no shard");
  }
}
