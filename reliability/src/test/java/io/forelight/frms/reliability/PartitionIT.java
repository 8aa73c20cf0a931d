package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network partition between coordinators, each still reaching Cassandra and the reactors: every
 * coordinator runs in a network namespace of its own and the one holding reactor-1 is cut off from
 * the others. In a cluster of three the two together take the resolver's lease and reactor-1 over;
 * the one cut off cannot take the lease, downs itself and ends, writing nothing once it lost its
 * shard leases. In a cluster of two exactly one side survives. The journal check finds one writer.
 */
@ExtendWith(CassandraExtension.class)
class PartitionIT {

  @Test
  void theHolderOfReactorsCutOffFromTwoOthersDownsItselfAndTheyTakeItsReactorsOver(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        PipelineHarness.onLabNetwork(
            dir, cassandra.contactPoint(), cassandra.keyspace() + "_three", 2)) {
      List<CoordinatorApi> apis = pipeline.startCoordinators(3);
      pipeline.awaitFlowing(apis.get(0), Duration.ofSeconds(180));
      int cut = pipeline.holderOf(apis.get(0), "reactor-1");
      PipelineHarness.Takeover takeover =
          pipeline.takeOver(cut, isolated -> pipeline.partition(cut));
      NodeProcess isolated = pipeline.coordinators.get(cut).process();
      assertTrue(
          isolated.waitFor(Duration.ofSeconds(60)),
          "the coordinator cut off downed itself and ended: " + isolated.logTail(30));
      pipeline.assertKeptSampling(takeover.loggedAtFault());
      pipeline.heal();

      long compared = pipeline.finish(takeover.survivor());
      RecoveryReport.record(
          "network partition: the coordinator holding "
              + takeover.held()
              + " cut off from the other two",
          takeover.failover(),
          compared,
          "from the cut until every reactor it held stored a new reading on the majority side;"
              + " journal: every event once");
    }
  }

  @Test
  void aClusterOfTwoCutInHalfKeepsExactlyOneSide(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        PipelineHarness.onLabNetwork(
            dir, cassandra.contactPoint(), cassandra.keyspace() + "_two", 2)) {
      List<CoordinatorApi> apis = pipeline.startCoordinators(2);
      pipeline.awaitFlowing(apis.get(0), Duration.ofSeconds(180));
      List<List<String>> heldBefore =
          List.of(pipeline.heldBy(apis.get(0), 0), pipeline.heldBy(apis.get(0), 1));
      Map<String, Map<String, Long>> loggedAtCut = pipeline.logged();
      long cutAt = System.nanoTime();
      pipeline.partition(0);

      int ended = pipeline.awaitOneCoordinatorEnded(Duration.ofSeconds(60));
      int kept = 1 - ended;
      assertFalse(
          pipeline.coordinators.get(kept).process().waitFor(Duration.ofSeconds(5)),
          "the other side keeps running");
      CoordinatorApi survivor = apis.get(kept);
      Duration failover =
          pipeline.awaitStoredElsewhere(
              survivor, heldBefore.get(ended), ended, cutAt, Duration.ofSeconds(60));
      pipeline.awaitStored(survivor, loggedAtCut, Duration.ofSeconds(60));
      pipeline.heal();

      long compared = pipeline.finish(survivor);
      RecoveryReport.record(
          "network partition: a cluster of two cut in half (the side ended held "
              + heldBefore.get(ended)
              + ")",
          failover,
          compared,
          "from the cut until both reactors stored new readings on the side that was kept;"
              + " journal: every event once");
    }
  }
}
