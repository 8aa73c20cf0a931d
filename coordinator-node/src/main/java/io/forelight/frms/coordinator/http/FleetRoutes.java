package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.fleet.FleetFileWatch;
import io.forelight.frms.coordinator.fleet.FleetIdentity;
import io.forelight.frms.coordinator.fleet.FleetRegistry;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.groups.Group;
import io.forelight.frms.coordinator.groups.GroupAdmin;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.ownership.Owner;
import io.forelight.frms.coordinator.ownership.Ownership;
import io.forelight.frms.coordinator.reactor.Reactor;
import io.forelight.frms.coordinator.readings.SensorLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/reactors} (the fleet with each link's state), {@code GET /api/fleet} (this
 * fleet's id, which its reactors are bound to), {@code POST /api/fleet/reload} (re-read the fleet
 * file now), {@code GET /api/reactors/{id}/latest} and {@code GET /api/fleet/latest} (every
 * reactor's latest readings in one answer: what the fleet page polls).
 */
final class FleetRoutes extends AllDirectives {

  static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  /** The fleet view asks every link; one whose holder does not answer soon is shown as such. */
  static final Duration LINK_STATE_TIMEOUT = Duration.ofSeconds(2);

  private final ActorSystem<?> system;
  private final ActorRef<FleetRegistry.Command> registry;
  private final ClusterSharding sharding;
  private final Ownership ownership;
  private final FleetFileWatch fleetFile;
  private final HistoryStore store;
  private final GroupAdmin groups;

  FleetRoutes(
      ActorSystem<?> system,
      ActorRef<FleetRegistry.Command> registry,
      FleetFileWatch fleetFile,
      HistoryStore store,
      GroupAdmin groups) {
    this.system = system;
    this.groups = groups;
    this.registry = registry;
    this.fleetFile = fleetFile;
    this.store = store;
    this.sharding = ClusterSharding.get(system);
    this.ownership = Ownership.get(system);
  }

  /** This fleet's id. */
  record FleetIdView(String fleetId) {}

  /**
   * The reading routes, and reloading the fleet file for {@code who} (recorded in {@code audit}).
   */
  Route routes(Principal who, String origin, AuditTrail audit) {
    return concat(
        path(
            "reactors",
            () -> get(() -> onSuccess(fleetView(), view -> completeOK(view, Json.marshaller())))),
        path(
            "fleet",
            () ->
                get(
                    () ->
                        onSuccess(
                            FleetIdentity.get(system).id(),
                            id -> completeOK(new FleetIdView(id), Json.marshaller())))),
        path(
            PathMatchers.segment("fleet").slash("latest"),
            () -> get(() -> onSuccess(fleetLatest(), view -> completeOK(view, Json.marshaller())))),
        path(
            PathMatchers.segment("fleet").slash("reload"),
            () ->
                post(
                    () ->
                        parameterOptional(
                            "reason",
                            reason ->
                                onSuccess(
                                    AskPattern.<FleetRegistry.Command, FleetRegistry.Fleet>ask(
                                            registry,
                                            FleetRegistry.Reload::new,
                                            ASK_TIMEOUT,
                                            system.scheduler())
                                        .thenCompose(
                                            fleet ->
                                                audit
                                                    .record(
                                                        new AuditEvent.Entry(
                                                            who.user(),
                                                            "fleet-reloaded",
                                                            "fleet",
                                                            null,
                                                            fleet.reactors().size() + " reactors",
                                                            reason.orElse(null),
                                                            origin))
                                                    .thenApply(recorded -> fleet)),
                                    fleet -> completeOK(fleet, Json.marshaller()))))),
        path(
            PathMatchers.segment("reactors").slash(PathMatchers.segment()).slash("latest"),
            id ->
                get(
                    () ->
                        onSuccess(
                            readable(id).thenCompose(readable -> latest(id)),
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

  /**
   * Completes if what was stored of the reactor can be read: it is in the fleet, or it left the
   * fleet after readings of it were stored (they stay readable). Fails with {@link NotFound}
   * otherwise, without waking any entity for an id a client merely names.
   */
  CompletionStage<Done> readable(String reactorId) {
    if (fleetFile.current().reactors().stream().anyMatch(r -> r.id().equals(reactorId))) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return store
        .holdsReadingsOf(reactorId)
        .thenApply(
            held -> {
              if (!held) {
                throw new NotFound(
                    "no reactor '" + reactorId + "' in the fleet, nor stored readings of one");
              }
              return Done.getInstance();
            });
  }

  /** The reactor's sensors that have stored readings, by name. */
  org.apache.pekko.stream.javadsl.Source<String, org.apache.pekko.NotUsed> storedSensors(
      String reactorId) {
    return org.apache.pekko.stream.javadsl.Source.completionStage(positions(reactorId))
        .mapConcat(
            positions -> List.copyOf(new java.util.TreeSet<>(positions.positions().keySet())));
  }

  CompletionStage<SensorLog.Positions> positions(String reactorId) {
    return fromHolder(
        SensorLog.ENTITY_KEY.name(),
        reactorId,
        () ->
            sharding
                .entityRefFor(SensorLog.ENTITY_KEY, reactorId)
                .ask(SensorLog.GetPositions::new, ASK_TIMEOUT));
  }

  /**
   * Asks an entity, unless the coordinator holding it is known to be unreachable (or removed from
   * the cluster): then, and when the answer does not come because it became so meanwhile, fails
   * with {@link Unavailable} naming it and since when, without waiting for the ask to time out.
   */
  <T> CompletionStage<T> fromHolder(
      String entityType, String id, Supplier<CompletionStage<T>> ask) {
    return unreachableHolder(entityType, id)
        .thenCompose(
            before -> {
              if (before.isPresent()) {
                throw new Unavailable(id + ": " + before.get().describe());
              }
              return ask.get()
                  .exceptionallyCompose(
                      error ->
                          unreachableHolder(entityType, id)
                              .thenApply(
                                  after -> {
                                    if (after.isPresent()) {
                                      throw new Unavailable(id + ": " + after.get().describe());
                                    }
                                    throw error instanceof CompletionException c
                                        ? c
                                        : new CompletionException(error);
                                  }));
            });
  }

  private CompletionStage<Optional<Owner>> unreachableHolder(String entityType, String id) {
    return ownership
        .owner(entityType, id)
        .exceptionally(error -> Optional.empty())
        .thenApply(owner -> owner.filter(o -> !o.reachable()));
  }

  /** The fleet as this node reads the fleet file: no other node needs to answer. */
  private CompletionStage<FleetRegistry.Fleet> fleet() {
    return CompletableFuture.completedFuture(fleetFile.current());
  }

  private CompletionStage<Views.FleetView> fleetView() {
    return fleet()
        .thenCombine(
            groups.list().exceptionally(error -> List.of()),
            (f, stored) ->
                new FleetRegistry.Fleet(
                    f.reactors().stream().map(entry -> withGroups(entry, stored)).toList(),
                    f.source(),
                    f.problem()))
        .thenCompose(
            f ->
                ownership
                    .owners(
                        Reactor.ENTITY_KEY.name(),
                        f.reactors().stream().map(ReactorEntry::id).toList())
                    .exceptionally(error -> Map.of())
                    .thenCompose(
                        owners -> {
                          List<CompletableFuture<Views.ReactorView>> views = new ArrayList<>();
                          for (ReactorEntry entry : f.reactors()) {
                            views.add(
                                reactorView(entry, owners.get(entry.id())).toCompletableFuture());
                          }
                          return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                              .thenApply(
                                  done ->
                                      new Views.FleetView(
                                          views.stream().map(CompletableFuture::join).toList(),
                                          f.problem()));
                        }));
  }

  /**
   * The reactors of a group, by id: those the fleet file puts in it and its stored members; 404 if
   * neither knows the group.
   */
  CompletionStage<List<String>> membersOf(String groupId) {
    List<String> inFile =
        fleetFile.current().reactors().stream()
            .filter(entry -> entry.groups().contains(groupId))
            .map(ReactorEntry::id)
            .toList();
    return groups
        .list()
        .thenApply(
            stored -> {
              Optional<Group> group =
                  stored.stream().filter(g -> g.id().equals(groupId)).findFirst();
              if (group.isEmpty() && inFile.isEmpty()) {
                throw new NotFound("no group '" + groupId + "'");
              }
              java.util.Set<String> all = new java.util.TreeSet<>(inFile);
              group.ifPresent(g -> all.addAll(g.members()));
              return List.copyOf(all);
            });
  }

  /** The entry with the groups the fleet file gives it and those it is a member of. */
  private static ReactorEntry withGroups(ReactorEntry entry, List<Group> stored) {
    java.util.Set<String> all = new java.util.TreeSet<>(entry.groups());
    stored.stream().filter(g -> g.members().contains(entry.id())).forEach(g -> all.add(g.id()));
    return new ReactorEntry(entry.id(), entry.host(), entry.port(), List.copyOf(all));
  }

  /**
   * A reactor's view: its link as its holder reports it, or, without asking, why its holder cannot
   * report it (unreachable or removed since a time).
   */
  private CompletionStage<Views.ReactorView> reactorView(ReactorEntry entry, Owner owner) {
    if (owner != null && !owner.reachable()) {
      String link =
          owner.state() == Owner.State.UNREACHABLE ? "owner-unreachable" : "owner-removed";
      return CompletableFuture.completedFuture(
          Views.ReactorView.unknown(entry, owner, link, owner.since(), owner.describe()));
    }
    return askLinkState(entry.id())
        .thenApply(state -> Views.ReactorView.of(entry, state, owner))
        .exceptionally(
            error ->
                Views.ReactorView.unknown(
                    entry,
                    owner,
                    "no-answer",
                    null,
                    "no answer in time from the coordinator holding it: " + error.getMessage()));
  }

  CompletionStage<LinkState> linkState(String id) {
    return fromHolder(Reactor.ENTITY_KEY.name(), id, () -> askLinkState(id));
  }

  private CompletionStage<LinkState> askLinkState(String id) {
    return sharding
        .entityRefFor(Reactor.ENTITY_KEY, id)
        .ask(Reactor.GetLinkState::new, LINK_STATE_TIMEOUT);
  }

  /**
   * Every reactor's latest readings; a reactor whose holder does not answer within the link state's
   * timeout is left out (the page keeps what it showed).
   */
  private CompletionStage<Views.FleetLatestView> fleetLatest() {
    List<CompletableFuture<Optional<Views.LatestView>>> asks = new ArrayList<>();
    for (ReactorEntry entry : fleetFile.current().reactors()) {
      asks.add(
          latest(entry.id())
              .thenApply(Optional::of)
              .exceptionally(error -> Optional.empty())
              .toCompletableFuture()
              .completeOnTimeout(
                  Optional.empty(), LINK_STATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                new Views.FleetLatestView(
                    asks.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList()));
  }

  private CompletionStage<Views.LatestView> latest(String id) {
    return fromHolder(
            SensorLog.ENTITY_KEY.name(),
            id,
            () ->
                sharding
                    .entityRefFor(SensorLog.ENTITY_KEY, id)
                    .<SensorLog.Latest>ask(SensorLog.GetLatest::new, ASK_TIMEOUT))
        .thenApply(latest -> Views.LatestView.of(id, latest.readings()));
  }
}
