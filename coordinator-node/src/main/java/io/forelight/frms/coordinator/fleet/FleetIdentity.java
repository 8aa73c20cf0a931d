package io.forelight.frms.coordinator.fleet;

import io.forelight.frms.coordinator.tls.FleetTls;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The id of this fleet, which every call of a reactor link names so that a reactor serves only its
 * own coordinators: {@code frms.coordinator.fleet-id} (FRMS_FLEET_ID) when set, else a random id
 * made once in the fleet's keyspace (a lightweight transaction, so every coordinator of the fleet
 * reads the same one, and a cluster with another keyspace has another); with TLS, the fleet of its
 * CA. {@link #id()} completes once it is known; the guardian {@link #start starts} loading it at
 * startup.
 */
public final class FleetIdentity implements Extension {

  private static final Logger log = LoggerFactory.getLogger(FleetIdentity.class);

  public static final ExtensionId<FleetIdentity> ID =
      new ExtensionId<>() {
        @Override
        public FleetIdentity createExtension(ActorSystem<?> system) {
          return new FleetIdentity(system);
        }
      };

  private static final String CONFIGURED = "frms.coordinator.fleet-id";

  private final ActorSystem<?> system;
  private final CompletableFuture<String> id = new CompletableFuture<>();

  private FleetIdentity(ActorSystem<?> system) {
    this.system = system;
  }

  public static FleetIdentity get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** The fleet id, once known. */
  public CompletionStage<String> id() {
    return id;
  }

  /** Loads the id: the configured one, or the keyspace's once {@code schema} is there (retried). */
  public void start(CassandraSession session, String keyspace, CompletionStage<Done> schema) {
    com.typesafe.config.Config config = system.settings().config();
    String configured =
        FleetTls.caFleet(config)
            .orElse(config.hasPath(CONFIGURED) ? config.getString(CONFIGURED).strip() : "");
    CompletionStage<String> loaded =
        configured.isEmpty()
            ? Patterns.retry(
                () ->
                    schema
                        .thenCompose(ready -> fromKeyspace(session, keyspace))
                        .whenComplete(
                            (fleet, error) -> {
                              if (error != null) {
                                log.warn(
                                    "fleet id not read from keyspace {} yet (retrying): {}",
                                    keyspace,
                                    error.toString());
                              }
                            }),
                Integer.MAX_VALUE,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                0.2,
                system.classicSystem())
            : CompletableFuture.completedFuture(configured);
    loaded.whenComplete(
        (fleet, error) -> {
          if (error == null) {
            log.info("this coordinator serves fleet {}", fleet);
            id.complete(fleet);
          } else {
            id.completeExceptionally(error);
          }
        });
  }

  private static CompletionStage<String> fromKeyspace(CassandraSession session, String keyspace) {
    return session
        .executeWrite(
            "INSERT INTO "
                + keyspace
                + ".fleet_identity (name, fleet_id) VALUES ('fleet', ?) IF NOT EXISTS",
            UUID.randomUUID().toString())
        .thenCompose(
            written ->
                session.selectOne(
                    "SELECT fleet_id FROM " + keyspace + ".fleet_identity WHERE name = 'fleet'"))
        .thenApply(
            row ->
                row.map(r -> r.getString("fleet_id"))
                    .orElseThrow(() -> new IllegalStateException("no fleet id in " + keyspace)));
  }
}
