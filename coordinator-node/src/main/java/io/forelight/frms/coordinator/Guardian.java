package io.forelight.frms.coordinator;

import io.forelight.frms.coordinator.fleet.FleetRegistry;
import io.forelight.frms.coordinator.http.HttpApi;
import io.forelight.frms.coordinator.reactor.Reactor;
import io.forelight.frms.coordinator.readings.SensorLog;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * Guardian of a coordinator node: starts the sharded Reactor and SensorLog entities, the fleet
 * registry singleton and the HTTP API. {@code bound} completes with the HTTP binding or the error.
 */
public final class Guardian {

  private Guardian() {}

  public static Behavior<Void> create(
      CoordinatorSettings settings, CompletableFuture<ServerBinding> bound) {
    return Behaviors.setup(
        context -> {
          var system = context.getSystem();
          SensorLog.init(system);
          Reactor.init(system, settings.link());
          ClusterSharding sharding = ClusterSharding.get(system);
          ActorRef<FleetRegistry.Command> fleet =
              ClusterSingleton.get(system)
                  .init(
                      SingletonActor.of(
                              FleetRegistry.create(
                                  settings.fleetFile(),
                                  settings.fleetKeepAlive(),
                                  id -> sharding.entityRefFor(Reactor.ENTITY_KEY, id)),
                              "fleet-registry")
                          .withProps(
                              DispatcherSelector.fromConfig(
                                  "frms.coordinator.blocking-dispatcher")));
          Http.get(system)
              .newServerAt(settings.httpInterface(), settings.httpPort())
              .bind(new HttpApi(system, fleet).routes())
              .whenComplete(
                  (binding, error) -> {
                    if (error != null) {
                      bound.completeExceptionally(error);
                    } else {
                      bound.complete(binding);
                    }
                  });
          return Behaviors.empty();
        });
  }
}
