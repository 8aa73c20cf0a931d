package io.forelight.frms.coordinator.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.coordination.lease.LeaseSettings;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Cassandra lease against the real Cassandra the build starts: acquire, refusal of a second
 * owner, heartbeat past the TTL, release, expiry of a holder that stopped renewing, and the loss
 * callback. Leases here live 3 s (TTL) and are trusted 2 s after each renewal.
 */
@ExtendWith({CassandraExtension.class, LogCapturingExtension.class})
class CassandraLeaseTest {

  private static final Duration TTL = Duration.ofSeconds(3);
  private static ActorTestKit testKit;
  private static Config leaseConfig;
  private static TestCassandra cassandra;

  @BeforeAll
  static void start(TestCassandra testCassandra) {
    cassandra = testCassandra;
    testKit = ActorTestKit.create("lease", TestConfigs.cluster(cassandra, "3s"));
    leaseConfig =
        testKit
            .system()
            .settings()
            .config()
            .getConfig("frms.coordinator.ownership.lease")
            .withFallback(
                testKit.system().settings().config().getConfig("pekko.coordination.lease"));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Clocks the test can move forward, as a pause of the process would. */
  private static final class MovableClocks implements Validity.Clocks {
    final AtomicLong skipNanos = new AtomicLong();

    @Override
    public long monotonicNanos() {
      return System.nanoTime() + skipNanos.get();
    }

    @Override
    public long wallMillis() {
      return System.currentTimeMillis() + skipNanos.get() / 1_000_000;
    }
  }

  private static CassandraLease lease(String name, String owner, Validity.Clocks clocks) {
    return new CassandraLease(
        LeaseSettings.apply(leaseConfig, name, owner),
        (ExtendedActorSystem) Adapter.toClassic(testKit.system()),
        clocks);
  }

  private static CassandraLease lease(String name, String owner) {
    return lease(name, owner, Validity.Clocks.SYSTEM);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aFreeLeaseIsTakenAndASecondOwnerIsRefusedWhileItIsHeld() throws Exception {
    CassandraLease first = lease("refuse", "node-a:1");
    CassandraLease second = lease("refuse", "node-b:1");
    assertTrue(await(first.acquire()));
    assertTrue(first.checkLease());
    assertFalse(await(second.acquire()), "held by node-a");
    assertFalse(second.checkLease());
    assertTrue(first.checkLease(), "the holder keeps it");
    first.release();
  }

  @Test
  void heartbeatsKeepTheLeaseLongPastItsTtlAndReleaseFreesIt() throws Exception {
    CassandraLease holder = lease("heartbeat", "node-a:1");
    CassandraLease other = lease("heartbeat", "node-b:1");
    assertTrue(await(holder.acquire()));
    LeaseTable table = Ownership.get(testKit.system()).table(leaseConfig);
    String owner =
        "node-a:1#" + Cluster.get(testKit.system()).selfMember().uniqueAddress().longUid();
    long firstWrite = await(table.lastWrites()).get(owner);
    long until = System.nanoTime() + TTL.multipliedBy(3).toNanos();
    while (System.nanoTime() < until) {
      assertTrue(holder.checkLease(), "still held while renewed");
      assertFalse(await(other.acquire()), "not expired while renewed");
    }
    assertTrue(
        await(table.lastWrites()).get(owner) > firstWrite,
        "a renewing holder's last write moves on (what SeedJoin looks for)");
    assertTrue(await(holder.release()), "released: the row was the holder's");
    assertFalse(holder.checkLease());
    assertTrue(await(other.acquire()), "free once released");
    other.release();
  }

  @Test
  void aHolderLateWithinTheTtlRefusesWritesUntilItsNextRenewalIsApplied() throws Exception {
    MovableClocks clocks = new MovableClocks();
    CassandraLease late = lease("late", "node-a:1", clocks);
    AtomicReference<Optional<Throwable>> lost = new AtomicReference<>();
    assertTrue(await(late.acquire(lost::set)));

    // The process "resumes" 2.5 s later than it thinks: past the trusted time (TTL - margin, 2 s)
    // but not the TTL, so its row cannot have expired yet.
    clocks.skipNanos.set(Duration.ofMillis(2500).toNanos());
    assertFalse(late.checkLease(), "not trusted the moment the trusted time has passed");
    Await.until(Duration.ofSeconds(5), "trusted again after a renewal", late::checkLease);
    assertEquals(null, lost.get(), "suspended, not lost: its shard keeps running");
    late.release();
  }

  @Test
  void aHolderThatStopsRenewingPastTheTtlLosesTheLeaseAndOthersTakeItAfterTheTtl()
      throws Exception {
    MovableClocks clocks = new MovableClocks();
    CassandraLease paused = lease("paused", "node-a:1", clocks);
    CassandraLease next = lease("paused", "node-b:1");
    AtomicReference<Optional<Throwable>> lost = new AtomicReference<>();
    assertTrue(await(paused.acquire(lost::set)));

    // The process "resumes" 3.5 s later than it thinks: past the row's TTL (3 s).
    clocks.skipNanos.set(Duration.ofMillis(3500).toNanos());
    assertFalse(paused.checkLease(), "not trusted the moment the trusted time has passed");
    Await.until(Duration.ofSeconds(5), "the loss callback", () -> lost.get() != null);
    assertTrue(lost.get().orElseThrow().getMessage().contains("not renewed for"));

    // It stopped renewing: the row expires by its TTL and the next owner takes it.
    long start = System.nanoTime();
    Await.until(
        Duration.ofSeconds(15),
        "the lease expired and was taken",
        () -> {
          try {
            return await(next.acquire());
          } catch (Exception e) {
            return false;
          }
        });
    assertTrue(
        Duration.ofNanos(System.nanoTime() - start).compareTo(TTL.multipliedBy(3)) < 0,
        "taken within a few TTLs");
    next.release();
  }

  @Test
  void aHolderWhoseRowWasTakenOverLosesTheLeaseAtItsNextRenewal() throws Exception {
    CassandraLease holder = lease("intruded", "node-a:1");
    AtomicReference<Optional<Throwable>> lost = new AtomicReference<>();
    assertTrue(await(holder.acquire(lost::set)));
    await(
        CassandraSessionRegistry.get(testKit.system())
            .sessionFor("frms.coordinator.history-session")
            .executeWrite(
                "UPDATE "
                    + cassandra.keyspace()
                    + ".leases USING TTL 30 SET owner = 'intruder' WHERE name = 'intruded'"));
    Await.until(Duration.ofSeconds(5), "the loss callback", () -> lost.get() != null);
    assertFalse(holder.checkLease());
    assertTrue(lost.get().orElseThrow().getMessage().contains("another node took it over"));
    assertEquals(
        "intruder",
        await(Ownership.get(testKit.system()).table(leaseConfig).owners()).get("intruded"));
  }
}
