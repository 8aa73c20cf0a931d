package io.forelight.frms.coordinator.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Only the first of several seeds looks for a running cluster before joining, and a cluster runs
 * when another node's lease writes move on between two reads (this node's own, of any incarnation,
 * do not count).
 */
class SeedJoinTest {

  private static final String SELF = "frms@127.0.0.1:25520";

  private static Config node(int port, String... seeds) {
    return ConfigFactory.parseMap(
        Map.of(
            "pekko.remote.artery.canonical.hostname",
            "127.0.0.1",
            "pekko.remote.artery.canonical.port",
            port,
            "pekko.cluster.seed-nodes",
            List.of(seeds)));
  }

  @Test
  void onlyTheFirstOfSeveralSeedsLooksBeforeJoining() {
    String first = "pekko://frms@127.0.0.1:25520";
    String second = "pekko://frms@127.0.0.1:25521";
    assertEquals(
        Optional.of(List.of(first, second)), SeedJoin.seedsToProbe(node(25520, first, second)));
    assertEquals(Optional.empty(), SeedJoin.seedsToProbe(node(25521, first, second)));
    assertEquals(Optional.empty(), SeedJoin.seedsToProbe(node(25520, first)), "alone");
    assertEquals(
        List.of(),
        SeedJoin.withoutSeedNodes(node(25520, first, second))
            .getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void aClusterRunsWhenAnotherNodesLeaseWritesMoveOn() {
    Map<String, Long> before =
        Map.of("frms@127.0.0.1:25521#1", 100L, "frms@127.0.0.1:25522#2", 100L, SELF + "#3", 100L);
    Map<String, Long> after =
        Map.of(
            "frms@127.0.0.1:25521#1",
            200L,
            "frms@127.0.0.1:25522#2",
            100L,
            "frms@127.0.0.1:25523#4",
            150L,
            SELF + "#3",
            300L);
    assertEquals(
        Set.of("frms@127.0.0.1:25521#1", "frms@127.0.0.1:25523#4"),
        SeedJoin.renewing(before, after, SELF));
    assertTrue(SeedJoin.renewing(before, before, SELF).isEmpty(), "nobody renewed");
    assertTrue(
        SeedJoin.renewing(Map.of(), Map.of(SELF + "#9", 1L), SELF).isEmpty(),
        "an earlier incarnation of this node is not a running cluster");
  }
}
