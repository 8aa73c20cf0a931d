package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.Stack;
import io.forelight.frms.devstack.StackCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster between coordinators runs over Artery TLS with certificates of the fleet's CA, from
 * the jars: a coordinator holding a certificate of another CA fails the handshake and never joins,
 * while one of the fleet joins and takes its share of the reactors.
 */
@ExtendWith(CassandraExtension.class)
class ClusterTlsIT {

  @Test
  void onlyCoordinatorsOfTheFleetsCaJoinTheCluster(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace(), 2, "200ms", List.of())) {
      CoordinatorApi first = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(first, Duration.ofSeconds(120));
      CoordinatorApi members = new CoordinatorApi("127.0.0.1", pipeline.managementPorts.get(0));

      int clusterPort = FreePorts.pick();
      StackCa otherCa = new StackCa(dir.resolve("other-ca"), "other-lab");
      // the intruder keeps its key where a coordinator does by default: the temporary directory
      Path tmp = Files.createDirectories(dir.resolve("intruder-tmp"));
      Stack.RunningNode intruder =
          pipeline.stack.startCoordinator(
              new CoordinatorSpec(
                  "intruder",
                  FreePorts.pick(),
                  FreePorts.pick(),
                  clusterPort,
                  List.of("pekko://frms@127.0.0.1:" + pipeline.clusterPorts.get(0)),
                  pipeline.stack.cassandraContactPoint(),
                  cassandra.keyspace(),
                  pipeline.fleetFile,
                  "frms.coordinator.tls.ca-dir = \""
                      + otherCa.dir()
                      + "\"\nfrms.coordinator.tls.dir = \"\"\n"),
              List.of("-Djava.io.tmpdir=" + tmp));
      Await.until(
          Duration.ofSeconds(90),
          () -> "the intruder's handshakes fail; its log:\n" + intruder.process().logTail(20),
          () -> intruder.process().log().contains("SSLHandshakeException"));
      assertEquals(
          1, up(members), "the intruder is not a member: " + members.get("/cluster/members"));
      assertTrue(intruder.process().isAlive(), "it keeps trying, and stays out");
      List<String> written = frmsEntries(tmp);
      assertTrue(
          written.size() == 3
              && written.get(1).endsWith("/coordinator.crt")
              && written.get(2).endsWith("/coordinator.key"),
          "a coordinator's key and certificate, in <java.io.tmpdir>/frms-<name>: " + written);
      intruder.process().stop(Duration.ofSeconds(30));
      assertEquals(
          List.of(), frmsEntries(tmp), "its key, certificate and directory go when it ends");

      pipeline.startCoordinator("coordinator-2");
      Await.until(
          Duration.ofSeconds(120),
          () -> "a coordinator of the fleet joins: " + members.get("/cluster/members"),
          () -> up(members) == 2);
      assertEquals(2, up(members), "still only the fleet's two coordinators");
      long applied = pipeline.finish(first);
      assertTrue(applied > 0, "every logged reading stored once: " + applied);
    }
  }

  /** What is under {@code tmp} in {@code frms-*}, relative to it. */
  private static List<String> frmsEntries(Path tmp) throws IOException {
    try (Stream<Path> files = Files.walk(tmp)) {
      return files
          .map(tmp::relativize)
          .map(Path::toString)
          .filter(f -> f.startsWith("frms-"))
          .sorted()
          .toList();
    }
  }

  private static int up(CoordinatorApi management) {
    JsonNode members = management.get("/cluster/members").map(m -> m.path("members")).orElseThrow();
    int up = 0;
    for (JsonNode member : members) {
      up += member.path("status").asText().equals("Up") ? 1 : 0;
    }
    return up;
  }
}
