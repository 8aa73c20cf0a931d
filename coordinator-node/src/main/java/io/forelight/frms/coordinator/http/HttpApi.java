package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.fleet.FleetRegistry;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.live.LiveReadings;
import java.io.File;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;

/**
 * The coordinator's HTTP API under /api: the fleet and its links, latest readings, history and
 * completeness, and the live stream. Errors are JSON with a 4xx status and the reason.
 */
public final class HttpApi extends AllDirectives {

  private final FleetRoutes fleet;
  private final HistoryRoutes history;
  private final LiveRoutes live;
  private final CommandRoutes commands;
  private final QuarantineRoutes quarantines;

  public HttpApi(
      ActorSystem<?> system,
      ActorRef<FleetRegistry.Command> fleetRegistry,
      File fleetFile,
      HistoryStore store,
      CurrentEventsByPersistenceIdQuery journal,
      LiveReadings liveReadings) {
    this.fleet = new FleetRoutes(system, fleetRegistry, fleetFile, store);
    this.history = new HistoryRoutes(system, fleet, store, journal);
    this.live = new LiveRoutes(fleet, liveReadings);
    this.commands = new CommandRoutes(fleet, ClusterSharding.get(system));
    this.quarantines = new QuarantineRoutes(fleet, ClusterSharding.get(system));
  }

  public Route routes() {
    return new ApiErrors()
        .handle(
            () ->
                pathPrefix(
                    "api",
                    () ->
                        concat(
                            fleet.routes(),
                            history.routes(),
                            live.routes(),
                            commands.routes(),
                            quarantines.routes())));
  }
}
