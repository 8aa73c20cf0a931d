package io.forelight.frms.coordinator.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * A SensorLog shard goes where the Reactor shard of the same number lives; without a known leader,
 * to the region that asked; and rebalancing moves the shards that are not with their leader, a few
 * per round.
 */
class ColocatedShardsTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final List<Address> MEMBERS =
      List.of(
          new Address("pekko", "frms", "10.0.0.1", 25520),
          new Address("pekko", "frms", "10.0.0.2", 25520),
          new Address("pekko", "frms", "10.0.0.3", 25520));

  /** One region per member, as the SensorLog type has them. */
  private static final List<ActorRef> REGIONS = new ArrayList<>();

  private static final Map<ActorRef, Address> MEMBER_OF = new HashMap<>();

  static {
    for (Address member : MEMBERS) {
      ActorRef region = Adapter.toClassic(testKit.createTestProbe().ref());
      REGIONS.add(region);
      MEMBER_OF.put(region, member);
    }
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static ColocatedShards following(Map<String, Address> leaders, int maxMoves) {
    return new ColocatedShards(
        MEMBER_OF::get, () -> CompletableFuture.completedFuture(leaders), maxMoves);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return Await.result(future, Duration.create(5, TimeUnit.SECONDS));
  }

  private static Map<ActorRef, IndexedSeq<String>> allocations(List<List<String>> perRegion) {
    Map<ActorRef, IndexedSeq<String>> allocations = new HashMap<>();
    for (int i = 0; i < REGIONS.size(); i++) {
      allocations.put(
          REGIONS.get(i), CollectionConverters.asScala(perRegion.get(i)).toIndexedSeq());
    }
    return allocations;
  }

  @Test
  void aShardGoesWhereItsLeaderLivesElseToTheRegionThatAsked() throws Exception {
    ColocatedShards strategy =
        following(
            Map.of("7", MEMBERS.get(2), "8", new Address("pekko", "frms", "10.0.0.9", 1)), 10);
    Map<ActorRef, IndexedSeq<String>> none = allocations(List.of(List.of(), List.of(), List.of()));
    assertEquals(REGIONS.get(2), await(strategy.allocateShard(REGIONS.get(0), "7", none)));
    assertEquals(
        REGIONS.get(1),
        await(strategy.allocateShard(REGIONS.get(1), "8", none)),
        "its leader's member has no region of this type: the region that asked");
    assertEquals(
        REGIONS.get(0),
        await(strategy.allocateShard(REGIONS.get(0), "9", none)),
        "no leader yet: the region that asked");
    Map<ActorRef, IndexedSeq<String>> busy =
        allocations(List.of(List.of("1", "2"), List.of("3"), List.of("4", "5")));
    assertEquals(
        REGIONS.get(1),
        await(strategy.allocateShard(null, "9", busy)),
        "asked by no region of this type: the one with the fewest shards");
  }

  @Test
  void whereTheLeadersAreUnknownTheRegionThatAskedTakesTheShardAndNothingMoves() throws Exception {
    Supplier<CompletionStage<Map<String, Address>>> failing =
        () -> CompletableFuture.failedFuture(new IllegalStateException("Reactor not started"));
    ColocatedShards strategy = new ColocatedShards(MEMBER_OF::get, failing, 10);
    Map<ActorRef, IndexedSeq<String>> some =
        allocations(List.of(List.of("1"), List.of("2"), List.of()));
    assertEquals(REGIONS.get(2), await(strategy.allocateShard(REGIONS.get(2), "3", some)));
    assertEquals(Set.of(), await(strategy.rebalance(some, Set.of())));
  }

  @Test
  void shardsAwayFromTheirLeadersMoveAFewPerRoundAndNoneMovesTwice() throws Exception {
    Map<String, Address> leaders = new HashMap<>();
    List<String> onFirst = new ArrayList<>();
    for (int shard = 0; shard < 30; shard++) {
      leaders.put(String.valueOf(shard), MEMBERS.get(shard % 3));
      onFirst.add(String.valueOf(shard)); // all of them on the first member's region now
    }
    Map<ActorRef, IndexedSeq<String>> placed = allocations(List.of(onFirst, List.of(), List.of()));
    Set<String> moves = await(following(leaders, 5).rebalance(placed, Set.of("1")));
    assertEquals(5, moves.size(), "a round's limit: " + moves);
    assertTrue(!moves.contains("1"), "a shard moving is not moved again");
    moves.forEach(
        shard ->
            assertTrue(
                !leaders.get(shard).equals(MEMBERS.get(0)),
                "only shards away from their leader move: " + shard));
    Set<String> all = await(following(leaders, 100).rebalance(placed, Set.of()));
    assertEquals(20, all.size(), "the two thirds whose leaders live elsewhere");
    assertEquals(
        Set.of(),
        await(following(leaders, 100).rebalance(allocations(byLeader(leaders)), Set.of())),
        "nothing moves once every shard is with its leader");
  }

  private static List<List<String>> byLeader(Map<String, Address> leaders) {
    List<List<String>> perRegion = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    leaders.forEach((shard, member) -> perRegion.get(MEMBERS.indexOf(member)).add(shard));
    return perRegion;
  }
}
