package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Access;
import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.alarms.Alarms;
import io.forelight.frms.coordinator.enrolment.Enrolments;
import io.forelight.frms.coordinator.fleet.FleetFileWatch;
import io.forelight.frms.coordinator.fleet.FleetRegistry;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.live.LiveReadings;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;

/**
 * The coordinator's HTTP API under /api: sessions, users, tokens, groups and the audit trail; the
 * fleet and its links, latest readings, history and completeness, commands and the live stream.
 * Every request passes the {@link Guard} first (who is asking, may they). Errors are JSON with a
 * 4xx status and the reason. The web UI's pages and files ({@link WebRoutes}) are served beside it,
 * outside the guard: they hold no data.
 */
public final class HttpApi extends AllDirectives {

  private final Guard guard;
  private final SessionRoutes sessions;
  private final UserRoutes users;
  private final TokenRoutes tokens;
  private final AuditRoutes audit;
  private final Access access;
  private final FleetRoutes fleet;
  private final HistoryRoutes history;
  private final LiveRoutes live;
  private final ExportRoutes export;
  private final CommandRoutes commands;
  private final QuarantineRoutes quarantines;
  private final GroupRoutes groups;
  private final GroupCommandRoutes groupCommands;
  private final AlarmRoutes alarms;
  private final RunRoutes runs;
  private final RunExportRoutes runExports;
  private final EnrolmentRoutes enrolments;
  private final WebRoutes web = new WebRoutes();

  public HttpApi(
      ActorSystem<?> system,
      ActorRef<FleetRegistry.Command> fleetRegistry,
      FleetFileWatch fleetFile,
      Enrolments enrolments,
      HistoryStore store,
      CurrentEventsByPersistenceIdQuery journal,
      LiveReadings liveReadings,
      Access access,
      Alarms alarms) {
    this.access = access;
    this.sessions = new SessionRoutes(access.logins());
    this.users = new UserRoutes(access.users());
    this.tokens = new TokenRoutes(access.tokens());
    this.enrolments = new EnrolmentRoutes(enrolments);
    this.audit = new AuditRoutes(access.auditReader());
    this.fleet = new FleetRoutes(system, fleetRegistry, fleetFile, store, access.groups());
    this.history = new HistoryRoutes(system, fleet, store, journal);
    this.live = new LiveRoutes(fleet, liveReadings, store);
    this.export = new ExportRoutes(fleet, store);
    this.commands = new CommandRoutes(fleet, ClusterSharding.get(system), access.audit());
    this.quarantines = new QuarantineRoutes(fleet, ClusterSharding.get(system), access.audit());
    this.groups = new GroupRoutes(access.groups(), fleet);
    this.alarms = new AlarmRoutes(alarms, ClusterSharding.get(system));
    this.runs = new RunRoutes(access.runs(), fleet, commands);
    this.runExports =
        new RunExportRoutes(
            access.runs(), fleet, commands, store, access.auditReader(), alarms.store());
    this.groupCommands =
        new GroupCommandRoutes(fleet, commands, access.groupCommands(), access.audit());
    this.guard =
        new Guard(
            access.authenticator(),
            new Guard.Scope() {
              @Override
              public CompletionStage<Boolean> holds(String group, String reactorId) {
                return inGroup(group, reactorId);
              }

              @Override
              public CompletionStage<List<String>> members(String group) {
                return fleet.membersOf(group);
              }
            });
  }

  public Route routes() {
    return new ApiErrors()
        .handle(
            () ->
                concat(
                    web.routes(),
                    guard.routes(
                        extractRequest(
                            request ->
                                pathPrefix(
                                    "api",
                                    () ->
                                        concat(
                                            sessions.open(),
                                            enrolments.open(Guard.address(request))))),
                        who ->
                            extractRequest(
                                request ->
                                    pathPrefix(
                                        "api",
                                        () -> api(who, origin(who, Guard.address(request))))))));
  }

  private Route api(Principal who, String origin) {
    return concat(
        sessions.routes(who),
        users.routes(who, origin),
        tokens.routes(who, origin),
        enrolments.routes(who, origin),
        audit.routes(),
        fleet.routes(who, origin, access.audit()),
        history.routes(),
        live.routes(),
        export.routes(),
        commands.routes(who, origin),
        commands.status(),
        quarantines.routes(who, origin),
        groups.routes(who, origin),
        groupCommands.routes(who, origin),
        alarms.routes(who),
        runs.routes(who, origin),
        runExports.routes());
  }

  /** Whether a reactor is in a group: as the fleet file says, or as a stored group's member. */
  private CompletionStage<Boolean> inGroup(String group, String reactorId) {
    return fleet
        .known(reactorId)
        .thenCompose(
            entry ->
                entry.groups().contains(group)
                    ? java.util.concurrent.CompletableFuture.completedFuture(true)
                    : access.groups().get(group).thenApply(g -> g.members().contains(reactorId)));
  }

  /** Where a change came from, for the audit trail: the address and the credential used. */
  private static String origin(Principal who, String address) {
    return "address " + address + " via " + who.via();
  }
}
