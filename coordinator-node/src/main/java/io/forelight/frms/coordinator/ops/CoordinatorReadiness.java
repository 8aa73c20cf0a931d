package io.forelight.frms.coordinator.ops;

import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.reactor.Reactor;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * Readiness check of a coordinator (Pekko Management {@code /ready}): ready when this node is an Up
 * member of the cluster, its Cassandra session answers a query, its tables exist ({@link Tables}),
 * and the shard regions of the Reactor and SensorLog entities are registered. When not, the check
 * fails naming every problem.
 */
public final class CoordinatorReadiness implements Supplier<CompletionStage<Boolean>> {

  private static final String PROBE = "SELECT release_version FROM system.local";

  private final ActorSystem system;

  public CoordinatorReadiness(ActorSystem system) {
    this.system = system;
  }

  @Override
  public CompletionStage<Boolean> get() {
    List<String> problems = new ArrayList<>();
    MemberStatus member = Cluster.get(system).selfMember().status();
    if (member != MemberStatus.up()) {
      problems.add("this node is " + member + " in the cluster, not Up");
    }
    Set<String> regions = ClusterSharding.get(system).getShardTypeNames();
    for (String entity : List.of(Reactor.ENTITY_KEY.name(), SensorLog.ENTITY_KEY.name())) {
      if (!regions.contains(entity)) {
        problems.add("the " + entity + " shard region is not registered");
      }
    }
    Tables.get(Adapter.toTyped(system)).problem().ifPresent(problems::add);
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    CassandraSessionRegistry.get(system)
        .sessionFor(Guardian.HISTORY_SESSION)
        .selectOne(PROBE)
        .whenComplete(
            (row, error) -> {
              if (error != null) {
                problems.add("Cassandra does not answer: " + rootMessage(error));
              }
              if (problems.isEmpty()) {
                ready.complete(true);
              } else {
                // completed directly, so the message reaches /ready unwrapped
                ready.completeExceptionally(
                    new IllegalStateException("not ready: " + String.join("; ", problems)));
              }
            });
    return ready;
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
