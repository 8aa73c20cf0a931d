package io.forelight.frms.coordinator;

import com.typesafe.config.Config;
import io.forelight.frms.coordinator.access.Access;
import io.forelight.frms.coordinator.access.AccessSchema;
import io.forelight.frms.coordinator.alarms.Alarm;
import io.forelight.frms.coordinator.alarms.AlarmCounts;
import io.forelight.frms.coordinator.alarms.AlarmFeed;
import io.forelight.frms.coordinator.alarms.AlarmRecorder;
import io.forelight.frms.coordinator.alarms.AlarmRule;
import io.forelight.frms.coordinator.alarms.AlarmRules;
import io.forelight.frms.coordinator.alarms.AlarmServices;
import io.forelight.frms.coordinator.alarms.AlarmSettings;
import io.forelight.frms.coordinator.alarms.AlarmStore;
import io.forelight.frms.coordinator.alarms.AlarmWebhook;
import io.forelight.frms.coordinator.alarms.Alarms;
import io.forelight.frms.coordinator.audit.AuditSchema;
import io.forelight.frms.coordinator.enrolment.DenyList;
import io.forelight.frms.coordinator.enrolment.EnrolledFleet;
import io.forelight.frms.coordinator.enrolment.EnrolmentAdvert;
import io.forelight.frms.coordinator.enrolment.EnrolmentRenewals;
import io.forelight.frms.coordinator.enrolment.EnrolmentStore;
import io.forelight.frms.coordinator.enrolment.EnrolmentTokens;
import io.forelight.frms.coordinator.enrolment.Enrolments;
import io.forelight.frms.coordinator.fleet.FleetFileWatch;
import io.forelight.frms.coordinator.fleet.FleetIdentity;
import io.forelight.frms.coordinator.fleet.FleetRegistry;
import io.forelight.frms.coordinator.groups.GroupStore;
import io.forelight.frms.coordinator.groups.Memberships;
import io.forelight.frms.coordinator.history.HistoryRetention;
import io.forelight.frms.coordinator.history.HistorySchema;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.history.HistoryWriter;
import io.forelight.frms.coordinator.http.HttpApi;
import io.forelight.frms.coordinator.live.LiveReadings;
import io.forelight.frms.coordinator.ops.CoordinatorOps;
import io.forelight.frms.coordinator.ownership.Ownership;
import io.forelight.frms.coordinator.reactor.Reactor;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.Statements;
import io.forelight.frms.coordinator.storage.Tables;
import io.forelight.frms.coordinator.tls.FleetTls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.cassandra.KeyspaceAndTableStatements;
import org.apache.pekko.persistence.cassandra.PluginSettings;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * Guardian of a coordinator node: creates the read-model tables (retrying until Cassandra answers),
 * starts the sharded Reactor and SensorLog entities, the fleet registry singleton and the HTTP API.
 * {@code bound} completes with the HTTP binding or the error.
 */
public final class Guardian {

  private static final String CASSANDRA = "pekko.persistence.cassandra";
  public static final String HISTORY_SESSION = "frms.coordinator.history-session";

  private Guardian() {}

  public static Behavior<Void> create(
      CoordinatorSettings settings, CompletableFuture<ServerBinding> bound) {
    return Behaviors.setup(
        context -> {
          ActorSystem<Void> system = context.getSystem();
          CoordinatorOps.get(system).start(system, settings.fleetFile());
          Ownership.get(system).start();
          Statements statements = statements(system);
          HistoryStore history = historyStore(system, statements);
          Access access =
              new Access(
                  system,
                  statements,
                  settings.access(),
                  system
                      .dispatchers()
                      .lookup(
                          DispatcherSelector.fromConfig("frms.coordinator.blocking-dispatcher")));
          access.start();
          LiveReadings live = new LiveReadings(system);
          CassandraReadJournal journal =
              PersistenceQuery.get(system)
                  .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
          AlarmStore alarmStore = new AlarmStore(statements);
          AlarmRules alarmRules = settings.alarms().rules();
          AlarmFeed alarms =
              startAlarms(system, settings, alarmRules, statements, alarmStore, access);
          SensorLog.init(
              system,
              new SensorLog.Listeners(
                  id -> HistoryWriter.start(id, history, journal, system),
                  (id, readings) -> {
                    live.publish(id, readings);
                    alarms.stored(id, readings);
                  }),
              Reactor.ENTITY_KEY.name());
          Reactor.init(system, settings.link());
          EnrolmentStore enrolmentStore = new EnrolmentStore(statements);
          EnrolledFleet enrolled = new EnrolledFleet(enrolmentStore);
          DenyList denyList = new DenyList(enrolmentStore);
          FleetTls.get(system).denyWith(denyList);
          Runnable readEnrolments =
              () -> {
                enrolled.refresh();
                denyList.refresh();
              };
          system
              .scheduler()
              .scheduleWithFixedDelay(
                  Duration.ZERO, ENROLLED_REFRESH, readEnrolments, system.executionContext());
          FleetFileWatch fleetWatch = new FleetFileWatch(settings.fleetFile(), enrolled);
          Enrolments enrolments =
              new Enrolments(
                  enrolmentStore,
                  new EnrolmentTokens(statements),
                  access.audit(),
                  FleetTls.get(system),
                  fleetWatch::names,
                  readEnrolments);
          FleetTls.get(system).renewWith(new EnrolmentRenewals(enrolmentStore));
          FleetTls.renewOwnCertificate(system);
          EnrolmentAdvert.startIfConfigured(system, settings);
          ClusterSharding sharding = ClusterSharding.get(system);
          ActorRef<FleetRegistry.Command> fleet =
              ClusterSingleton.get(system)
                  .init(
                      SingletonActor.of(
                              FleetRegistry.create(
                                  fleetWatch,
                                  settings.fleetKeepAlive(),
                                  id -> sharding.entityRefFor(Reactor.ENTITY_KEY, id),
                                  history::reactorsWithReadings),
                              "fleet-registry")
                          .withProps(
                              DispatcherSelector.fromConfig(
                                  "frms.coordinator.blocking-dispatcher")));
          var server = Http.get(system).newServerAt(settings.httpInterface(), settings.httpPort());
          if (settings.https().isPresent()) {
            server = server.enableHttps(ConnectionContext.httpsServer(settings.https().get()));
          } else if (settings.plainHttpOffLoopback()) {
            context
                .getLog()
                .warn(
                    "the API serves plain HTTP on {}: passwords and session cookies cross the"
                        + " network in clear (allow-plain-http is on); configure"
                        + " frms.coordinator.http.tls",
                    settings.httpInterface());
          }
          server
              .bind(
                  new HttpApi(
                          system,
                          fleet,
                          fleetWatch,
                          enrolments,
                          history,
                          journal,
                          live,
                          access,
                          new Alarms(alarmStore, alarmRules))
                      .routes())
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

  /** How often each node reads the enrolled reactors again (and right after its own decisions). */
  private static final Duration ENROLLED_REFRESH = Duration.ofSeconds(5);

  /** How often link and stale rules are evaluated. */
  private static final Duration LINK_TICK = Duration.ofSeconds(5);

  /**
   * Starts the alarm entities and the open-alarm counts (JMX); returns what feeds the entities the
   * stored readings.
   */
  private static AlarmFeed startAlarms(
      ActorSystem<?> system,
      CoordinatorSettings settings,
      AlarmRules rules,
      Statements statements,
      AlarmStore store,
      Access access) {
    AlarmSettings alarms = settings.alarms();
    Alarm.init(
        system,
        new AlarmServices(
            rules,
            new AlarmRecorder(store, access.audit(), "coordinator " + system.address().hostPort()),
            alarms.webhook().map(url -> new AlarmWebhook(system, url.toString(), alarms.timeout())),
            alarms.minBackoff(),
            alarms.maxBackoff()));
    AlarmCounts.start(system, store);
    // memberships are read (every few seconds) only when some rule covers a group
    java.util.function.Function<String, java.util.Set<String>> groupsOf =
        rules.all().stream().anyMatch(r -> !r.group().isEmpty())
            ? Memberships.start(
                    system, new FleetFileWatch(settings.fleetFile()), new GroupStore(statements))
                ::of
            : reactorId -> java.util.Set.of();
    if (!rules.all().isEmpty()) {
      system
          .log()
          .info(
              "alarm rules: {}{}",
              rules.all().stream().map(AlarmRule::id).toList(),
              alarms.webhook().map(url -> "; webhook " + url).orElse(""));
    }
    AlarmFeed feed = new AlarmFeed(rules, ClusterSharding.get(system), groupsOf);
    if (rules.all().stream().anyMatch(r -> r.kind().ofLink() || r.kind() == AlarmRule.Kind.STALE)) {
      system
          .scheduler()
          .scheduleWithFixedDelay(
              LINK_TICK,
              LINK_TICK,
              () -> feed.tick(CoordinatorOps.get(system).hostedLinks(), System.currentTimeMillis()),
              system.executionContext());
    }
    return feed;
  }

  /** The persistence plugin's CREATE TABLE IF NOT EXISTS statements (journal, then snapshots). */
  private static List<String> pluginTables(ActorSystem<?> system) {
    KeyspaceAndTableStatements plugin =
        new KeyspaceAndTableStatements(
            system.classicSystem(), CASSANDRA, PluginSettings.apply(system.classicSystem()));
    List<String> statements = new ArrayList<>(plugin.getCreateJournalTablesStatements());
    statements.addAll(plugin.getCreateSnapshotTablesStatements());
    return statements;
  }

  /**
   * The coordinator's tables (journal, read model, users, audit) in the journal's keyspace, created
   * in the background and retried until Cassandra answers; statements are prepared once they exist.
   */
  public static Statements statements(ActorSystem<?> system) {
    Config journal = system.settings().config().getConfig(CASSANDRA + ".journal");
    String keyspace = journal.getString("keyspace");
    CassandraSession session = CassandraSessionRegistry.get(system).sessionFor(HISTORY_SESSION);
    List<String> tables = new ArrayList<>(pluginTables(system));
    tables.addAll(AccessSchema.tables(keyspace));
    tables.addAll(AuditSchema.tables(keyspace));
    tables.addAll(io.forelight.frms.coordinator.groups.GroupStore.tables(keyspace));
    tables.addAll(io.forelight.frms.coordinator.groups.GroupCommandStore.tables(keyspace));
    tables.addAll(AlarmStore.tables(keyspace));
    tables.addAll(io.forelight.frms.coordinator.runs.RunStore.tables(keyspace));
    tables.addAll(EnrolmentStore.tables(keyspace));
    CompletionStage<Done> schema =
        Patterns.retry(
            () ->
                HistorySchema.create(session, keyspace, journal, tables)
                    .whenComplete(
                        (done, error) -> {
                          if (error != null) {
                            Tables.get(system).failedOnce(error);
                            system
                                .log()
                                .warn(
                                    "tables of keyspace {} not created yet (retrying): {}",
                                    keyspace,
                                    error.toString());
                          }
                        }),
            Integer.MAX_VALUE,
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            0.2,
            system.classicSystem());
    Tables.get(system).creating(keyspace, schema);
    long asked = System.nanoTime();
    schema.thenRun(
        () ->
            system
                .log()
                .info(
                    "tables of keyspace {} ready after {} ms ({} statements)",
                    keyspace,
                    (System.nanoTime() - asked) / 1_000_000,
                    tables.size()));
    FleetIdentity.get(system).start(session, keyspace, schema);
    return new Statements(session, keyspace, schema);
  }

  /** The history store over {@code statements}' tables. */
  public static HistoryStore historyStore(ActorSystem<?> system, Statements statements) {
    return new HistoryStore(
        statements.session(),
        statements.keyspace(),
        statements.schema(),
        HistoryRetention.of(system.settings().config()));
  }

  /** The history store, its tables created as by {@link #statements}. */
  public static HistoryStore historyStore(ActorSystem<?> system) {
    return historyStore(system, statements(system));
  }
}
