package io.forelight.frms.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.node.NodeConfig;
import org.junit.jupiter.api.Test;

class CoordinatorSettingsTest {

  private static Config withOverride(String line) {
    return NodeConfig.load(ConfigFactory.parseString(line), "coordinator-node.conf");
  }

  @Test
  void defaultsJoinWaitingBatchesUpToTwoThousandReadings() {
    CoordinatorSettings settings = CoordinatorSettings.fromConfig(withOverride(""));
    assertEquals(2000, settings.link().maxReadingsPerStore());
    assertEquals(1000, settings.link().maxBatchSize());
  }

  @Test
  void aStoreSmallerThanOneBatchIsRefusedByName() {
    CoordinatorSettings.Problem problem =
        assertThrows(
            CoordinatorSettings.Problem.class,
            () ->
                CoordinatorSettings.fromConfig(
                    withOverride("frms.coordinator.link.max-readings-per-store = 10")));
    assertEquals(
        "frms.coordinator.link.max-readings-per-store: must be at least max-batch-size (1000),"
            + " got 10",
        problem.getMessage());
  }

  @Test
  void anOversizedBatchIsRefusedByName() {
    CoordinatorSettings.Problem problem =
        assertThrows(
            CoordinatorSettings.Problem.class,
            () ->
                CoordinatorSettings.fromConfig(
                    withOverride("frms.coordinator.link.max-batch-size = 20000")));
    assertEquals(
        "frms.coordinator.link.max-batch-size: must be 1..10000, got 20000", problem.getMessage());
  }

  @Test
  void aHistoryRetentionCassandraCannotKeepIsRefusedByName() {
    CoordinatorSettings.Problem problem =
        assertThrows(
            CoordinatorSettings.Problem.class,
            () ->
                CoordinatorSettings.fromConfig(
                    withOverride("frms.coordinator.history.retention = 10950d")));
    assertEquals(
        "frms.coordinator.history.retention: 0 (keep for ever) or from 1 day to 20 years, got"
            + " PT262800H (for example 365d)",
        problem.getMessage());
    CoordinatorSettings.fromConfig(withOverride("frms.coordinator.history.retention = 365d"));
  }

  @Test
  void aMisspelledSettingAtAnyDepthIsRefusedByName() {
    CoordinatorSettings.Problem problem =
        assertThrows(
            CoordinatorSettings.Problem.class,
            () ->
                CoordinatorSettings.fromConfig(
                    withOverride("frms.coordinator.link.idle-timout = 5s")));
    assertTrue(
        problem
            .getMessage()
            .startsWith("frms.coordinator.link.idle-timout is not a known setting (String: 1)"),
        problem.getMessage());
    assertTrue(
        problem.getMessage().endsWith("did you mean link.idle-timeout?"), problem.getMessage());
    assertThrows(
        CoordinatorSettings.Problem.class,
        () ->
            CoordinatorSettings.fromConfig(
                withOverride("frms.coordinator.ownership.lease.heartbeat-timout = 9s")));
  }

  @Test
  void dispatcherSettingsAreLeftToPekko() {
    CoordinatorSettings.fromConfig(
        withOverride(
            "frms.coordinator.blocking-dispatcher.thread-pool-executor.keep-alive-time = 30s"));
  }
}
