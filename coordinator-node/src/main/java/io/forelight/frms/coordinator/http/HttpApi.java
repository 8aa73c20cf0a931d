package io.forelight.frms.coordinator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.forelight.frms.coordinator.fleet.FleetRegistry;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.reactor.Reactor;
import io.forelight.frms.coordinator.readings.SensorLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The coordinator's HTTP API: the fleet with each link's state, and the latest reading of every
 * sensor of a reactor. Unknown reactors are a 404 with a reason.
 */
public final class HttpApi extends AllDirectives {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<?> system;
  private final ActorRef<FleetRegistry.Command> fleet;
  private final ClusterSharding sharding;
  private final ObjectMapper json = new ObjectMapper();

  public HttpApi(ActorSystem<?> system, ActorRef<FleetRegistry.Command> fleet) {
    this.system = system;
    this.fleet = fleet;
    this.sharding = ClusterSharding.get(system);
  }

  public Route routes() {
    return pathPrefix(
        "api",
        () ->
            concat(
                path("reactors", () -> get(() -> onSuccess(fleetView(), this::ok))),
                pathPrefix(
                    "reactors",
                    () ->
                        pathPrefix(
                            PathMatchers.segment(),
                            id ->
                                path(
                                    "latest",
                                    () ->
                                        get(
                                            () ->
                                                onSuccess(
                                                    entry(id),
                                                    entry ->
                                                        entry.isEmpty()
                                                            ? notFound(id)
                                                            : onSuccess(
                                                                latest(id), this::ok))))))));
  }

  private Route ok(Object body) {
    return completeOK(body, Jackson.marshaller(json));
  }

  private Route notFound(String id) {
    return complete(
        StatusCodes.NOT_FOUND,
        new Views.ErrorView("no reactor '" + id + "' in the fleet"),
        Jackson.marshaller(json));
  }

  private CompletionStage<FleetRegistry.Fleet> fleetNow() {
    return AskPattern.ask(fleet, FleetRegistry.GetFleet::new, ASK_TIMEOUT, system.scheduler());
  }

  private CompletionStage<Optional<ReactorEntry>> entry(String id) {
    return fleetNow()
        .thenApply(f -> f.reactors().stream().filter(r -> r.id().equals(id)).findFirst());
  }

  private CompletionStage<Views.FleetView> fleetView() {
    return fleetNow()
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

  private CompletionStage<LinkState> linkState(String id) {
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
