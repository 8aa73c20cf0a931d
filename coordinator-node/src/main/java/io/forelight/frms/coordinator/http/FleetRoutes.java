package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.fleet.FleetRegistry;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.reactor.Reactor;
import io.forelight.frms.coordinator.readings.SensorLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/reactors} (the fleet with each link's state), {@code POST /api/fleet/reload}
 * (re-read the fleet file now) and {@code GET /api/reactors/{id}/latest}.
 */
final class FleetRoutes extends AllDirectives {

  static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<?> system;
  private final ActorRef<FleetRegistry.Command> registry;
  private final ClusterSharding sharding;

  FleetRoutes(ActorSystem<?> system, ActorRef<FleetRegistry.Command> registry) {
    this.system = system;
    this.registry = registry;
    this.sharding = ClusterSharding.get(system);
  }

  Route routes() {
    return concat(
        path(
            "reactors",
            () -> get(() -> onSuccess(fleetView(), view -> completeOK(view, Json.marshaller())))),
        path(
            PathMatchers.segment("fleet").slash("reload"),
            () ->
                post(
                    () ->
                        onSuccess(
                            AskPattern.<FleetRegistry.Command, FleetRegistry.Fleet>ask(
                                registry,
                                FleetRegistry.Reload::new,
                                ASK_TIMEOUT,
                                system.scheduler()),
                            fleet -> completeOK(fleet, Json.marshaller())))),
        path(
            PathMatchers.segment("reactors").slash(PathMatchers.segment()).slash("latest"),
            id ->
                get(
                    () ->
                        onSuccess(
                            known(id).thenCompose(entry -> latest(id)),
                            view -> completeOK(view, Json.marshaller())))));
  }

  /** The fleet entry of a reactor; fails with {@link NotFound} if the fleet has none. */
  CompletionStage<ReactorEntry> known(String reactorId) {
    return fleet()
        .thenApply(
            f ->
                f.reactors().stream()
                    .filter(r -> r.id().equals(reactorId))
                    .findFirst()
                    .orElseThrow(
                        () -> new NotFound("no reactor '" + reactorId + "' in the fleet")));
  }

  CompletionStage<SensorLog.Positions> positions(String reactorId) {
    return sharding
        .entityRefFor(SensorLog.ENTITY_KEY, reactorId)
        .ask(SensorLog.GetPositions::new, ASK_TIMEOUT);
  }

  private CompletionStage<FleetRegistry.Fleet> fleet() {
    return AskPattern.ask(registry, FleetRegistry.GetFleet::new, ASK_TIMEOUT, system.scheduler());
  }

  private CompletionStage<Views.FleetView> fleetView() {
    return fleet()
        .thenCompose(
            f -> {
              List<CompletableFuture<Views.ReactorView>> views = new ArrayList<>();
              for (ReactorEntry entry : f.reactors()) {
                views.add(
                    linkState(entry.id())
                        .thenApply(state -> Views.ReactorView.of(entry, state))
                        .toCompletableFuture());
              }
              return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done ->
                          new Views.FleetView(
                              views.stream().map(CompletableFuture::join).toList(), f.problem()));
            });
  }

  CompletionStage<LinkState> linkState(String id) {
    return sharding
        .entityRefFor(Reactor.ENTITY_KEY, id)
        .<LinkState>ask(Reactor.GetLinkState::new, ASK_TIMEOUT)
        .exceptionally(
            error ->
                new LinkState(
                    id, "", LinkState.Status.UNREACHABLE, 0, 0, 0, 0, 0, "no answer: " + error));
  }

  private CompletionStage<Views.LatestView> latest(String id) {
    return sharding
        .entityRefFor(SensorLog.ENTITY_KEY, id)
        .<SensorLog.Latest>ask(SensorLog.GetLatest::new, ASK_TIMEOUT)
        .thenApply(latest -> Views.LatestView.of(id, latest.readings()));
  }
}
