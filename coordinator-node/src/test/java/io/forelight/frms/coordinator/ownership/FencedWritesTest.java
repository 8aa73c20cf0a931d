package io.forelight.frms.coordinator.ownership;

import static io.forelight.frms.coordinator.readings.Readings.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.PoisonPill;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.coordination.lease.scaladsl.Lease;
import org.apache.pekko.coordination.lease.scaladsl.LeaseProvider;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sharded SensorLog on a one-node cluster with the real lease and journal: it writes while its
 * shard holds the lease, and once this node no longer holds it (here released behind the shard's
 * back, as a lease that lapsed during a pause looks before the next heartbeat runs) its writes are
 * refused by the journal and nothing more reaches Cassandra.
 */
@ExtendWith({CassandraExtension.class, LogCapturingExtension.class})
class FencedWritesTest {

  private ActorTestKit testKit;

  @BeforeEach
  void start(TestCassandra cassandra) {
    testKit = ActorTestKit.create("fenced", TestConfigs.cluster(cassandra, "3s"));
    Cluster cluster = Cluster.get(Adapter.toClassic(testKit.system()));
    cluster.join(cluster.selfAddress());
    Await.until(
        Duration.ofSeconds(30),
        "the node is Up",
        () -> cluster.selfMember().status() == MemberStatus.up());
    SensorLog.init(testKit.system(), SensorLog.Listeners.NONE, "Reactor");
  }

  @AfterEach
  void stop() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage, int seconds) throws Exception {
    return stage.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  private CompletionStage<SensorLog.Appended> append(
      EntityRef<SensorLog.Command> log, long from, long to, Duration timeout) {
    return log.askWithStatus(replyTo -> new SensorLog.Append(of("t", from, to), replyTo), timeout);
  }

  private List<Long> journalSeqs(String reactorId) throws Exception {
    CassandraReadJournal journal =
        PersistenceQuery.get(testKit.system())
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    return await(
        journal
            .currentEventsByPersistenceId(SensorLog.persistenceIdOf(reactorId), 0, Long.MAX_VALUE)
            .map(EventEnvelope::sequenceNr)
            .runWith(Sink.seq(), testKit.system()),
        30);
  }

  @Test
  void writesOfAnEntityWhoseLeaseThisNodeNoLongerHoldsFailAndStoreNothing() throws Exception {
    EntityRef<SensorLog.Command> log =
        ClusterSharding.get(testKit.system()).entityRefFor(SensorLog.ENTITY_KEY, "r1");
    assertEquals(
        3,
        await(append(log, 1, 3, Duration.ofSeconds(60)), 60).accepted(),
        "stored while the lease is held");

    Ownership ownership = Ownership.get(testKit.system());
    assertTrue(ownership.refusal(SensorLog.persistenceIdOf("r1")).isEmpty());
    Lease lease =
        LeaseProvider.get(Adapter.toClassic(testKit.system()))
            .getLease(
                ownership.leaseName(SensorLog.ENTITY_KEY.name(), "r1"),
                "frms.coordinator.ownership.lease",
                Cluster.get(Adapter.toClassic(testKit.system())).selfAddress().hostPort());
    await(scala.jdk.javaapi.FutureConverters.asJava(lease.release()), 10);

    String refusal = ownership.refusal(SensorLog.persistenceIdOf("r1")).orElseThrow();
    assertTrue(refusal.contains("does not hold lease fenced-shard-SensorLog-"), refusal);
    ExecutionException refused =
        assertThrows(
            ExecutionException.class, () -> await(append(log, 4, 6, Duration.ofSeconds(3)), 10));
    assertTrue(
        refused.getCause().getMessage().contains("timed out"),
        "the entity failed its write instead of replying: " + refused.getCause());
    assertEquals(List.of(1L), journalSeqs("r1"), "nothing written after the lease was gone");
  }

  @Test
  void aShardsLeaseIsReleasedSoonAfterItsShardStopsHere() throws Exception {
    EntityRef<SensorLog.Command> log =
        ClusterSharding.get(testKit.system()).entityRefFor(SensorLog.ENTITY_KEY, "r2");
    await(append(log, 1, 3, Duration.ofSeconds(60)), 60);
    Ownership ownership = Ownership.get(testKit.system());
    String leaseName = ownership.leaseName(SensorLog.ENTITY_KEY.name(), "r2");
    LeaseTable table = ownership.table(ownership.shardLeaseConfig());
    assertTrue(await(table.owners(), 30).containsKey(leaseName), "held while the shard runs");

    org.apache.pekko.actor.ActorRef shard =
        await(ownership.shardHere(ownership.shardPathOf(leaseName).orElseThrow()), 30)
            .orElseThrow();
    shard.tell(PoisonPill.getInstance(), org.apache.pekko.actor.ActorRef.noSender());
    Await.until(
        Duration.ofSeconds(5),
        "lease " + leaseName + " released once its shard stopped",
        () -> !owners(table).containsKey(leaseName));
  }

  private static Map<String, String> owners(LeaseTable table) {
    try {
      return await(table.owners(), 30);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the lease table", e);
    }
  }

  @Test
  void theDriverItselfRefusesAWriteOfAnEntityNotHeldAtTheSocket(TestCassandra cassandra)
      throws Exception {
    CassandraSession session =
        CassandraSessionRegistry.get(testKit.system()).sessionFor("pekko.persistence.cassandra");
    SimpleStatement insert =
        SimpleStatement.newInstance(
            "INSERT INTO " + cassandra.keyspace() + ".leases (name, owner) VALUES (?, 'x')",
            "SensorLog|nobody");
    ExecutionException refused =
        assertThrows(ExecutionException.class, () -> await(session.executeWrite(insert), 30));
    assertTrue(
        refused.getCause().getMessage().contains("does not hold lease fenced-shard-SensorLog-"),
        "refused in the driver's pipeline: " + refused.getCause());
    assertTrue(
        await(
                session.selectOne(
                    "SELECT owner FROM "
                        + cassandra.keyspace()
                        + ".leases WHERE name = 'SensorLog|nobody'"),
                30)
            .isEmpty(),
        "reads pass, and nothing was written");
  }
}
