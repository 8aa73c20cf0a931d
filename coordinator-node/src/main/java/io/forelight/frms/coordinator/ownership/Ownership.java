package io.forelight.frms.coordinator.ownership;

import com.typesafe.config.Config;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorIdentity;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSelection;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.Identify;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.coordination.lease.scaladsl.LeaseProvider;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * Who may write for an entity: the node holding the lease of the entity's shard (cluster sharding's
 * {@code use-lease}, a {@link CassandraLease}). Every write path asks {@link #refusal} first: the
 * journal and snapshot store ({@link FencedCassandraJournal}), the history read model and the
 * acknowledgements to reactors. A node that lost a shard (paused past the lease's trusted time, cut
 * off, shard moved) is refused, whatever its cluster view still says.
 *
 * <p>Switched off with {@code frms.coordinator.ownership.fence-writes = off}, only for tests that
 * run entities outside cluster sharding. Also releases this node's shard leases when it leaves the
 * cluster, so the next holders need not wait for them to expire.
 */
public final class Ownership implements Extension {

  public static final ExtensionId<Ownership> ID =
      new ExtensionId<>() {
        @Override
        public Ownership createExtension(ActorSystem<?> system) {
          return new Ownership(system);
        }
      };

  public static final String CONFIG = "frms.coordinator.ownership";

  private static final Duration IDENTIFY_TIMEOUT = Duration.ofSeconds(2);

  private final ActorSystem<?> system;
  private final org.apache.pekko.actor.ActorSystem classic;
  private final boolean fenceWrites;
  private final String leasePath;
  private final int numberOfShards;
  private final String shardLeasePrefix;
  private final Map<String, LeaseTable> tables = new ConcurrentHashMap<>();
  private final Set<CassandraLease> held = ConcurrentHashMap.newKeySet();
  private final MemberWatch members = new MemberWatch();
  private final org.apache.pekko.actor.typed.ActorRef<ShardWatch.Watch> shardWatch;

  /** The holder last read of each lease (at most one entry per shard and entity type). */
  private final Map<String, String> lastHolders = new ConcurrentHashMap<>();

  private Ownership(ActorSystem<?> system) {
    this.system = system;
    this.classic = Adapter.toClassic(system);
    Config config = system.settings().config();
    this.fenceWrites = config.getBoolean(CONFIG + ".fence-writes");
    this.leasePath = config.getString("pekko.cluster.sharding.use-lease");
    this.numberOfShards = config.getInt("pekko.cluster.sharding.number-of-shards");
    this.shardLeasePrefix = system.name() + "-shard-";
    this.shardWatch = system.systemActorOf(ShardWatch.create(), "shard-watch", Props.empty());
  }

  public static Ownership get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /**
   * Watches the cluster's members (for {@link #owners}) and releases this node's shard leases when
   * it shuts down: once its shard regions have handed their shards over when it leaves, at once
   * when it was downed.
   */
  public void start() {
    system.systemActorOf(members.behavior(), "member-watch", Props.empty());
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(classic);
    // Downed: the shards here may wait long for a handoff nobody answers; their entities are fenced
    // from the moment the leases go, so let the other nodes have them now.
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "release-shard-leases-when-downed",
        () ->
            shutdown.getShutdownReason().orElse(null)
                    instanceof CoordinatedShutdown.ClusterDowningReason$
                ? releaseShardLeases()
                : CompletableFuture.completedFuture(Done.getInstance()));
    // Leaving: the shard regions have handed their shards over by now.
    shutdown.addTask(
        CoordinatedShutdown.PhaseClusterLeave(), "release-shard-leases", this::releaseShardLeases);
  }

  private CompletionStage<Done> releaseShardLeases() {
    List<CompletableFuture<Boolean>> releases =
        held.stream()
            .filter(CassandraLease::isShardLease)
            .map(lease -> lease.release().toCompletableFuture())
            .toList();
    return CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new))
        .handle((ok, error) -> Done.getInstance());
  }

  public boolean fencing() {
    return fenceWrites;
  }

  /**
   * Empty if this node may write for the entity with this persistence id ({@code Type|id}); else
   * why not.
   */
  public Optional<String> refusal(String persistenceId) {
    if (!fenceWrites) {
      return Optional.empty();
    }
    int separator = persistenceId.indexOf('|');
    if (separator < 0) {
      return Optional.of(
          "persistence id '" + persistenceId + "' is not a sharded entity's: no lease fences it");
    }
    return refusal(persistenceId.substring(0, separator), persistenceId.substring(separator + 1));
  }

  /** Empty if this node may write for this entity; else why not. */
  public Optional<String> refusal(String entityType, String entityId) {
    if (!fenceWrites) {
      return Optional.empty();
    }
    String name = leaseName(entityType, entityId);
    boolean holds =
        LeaseProvider.get(classic).getLease(name, leasePath, selfHostPort()).checkLease();
    return holds
        ? Optional.empty()
        : Optional.of(
            "this node ("
                + selfHostPort()
                + ") does not hold lease "
                + name
                + " of "
                + entityType
                + " "
                + entityId
                + ": the shard moved, or this node was paused or cut off past the lease's"
                + " trusted time");
  }

  /**
   * For the {@link WriteFence}: why a write with this persistence id may not leave for Cassandra
   * now; empty if it may, or if its type is not a sharded entity (not fenced by a lease).
   */
  Optional<String> socketRefusal(String persistenceId) {
    int separator = persistenceId.indexOf('|');
    String type = persistenceId.substring(0, separator);
    if (!fenceWrites
        || !org.apache.pekko.cluster.sharding.ClusterSharding.get(classic)
            .getShardTypeNames()
            .contains(type)) {
      return Optional.empty();
    }
    return refusal(type, persistenceId.substring(separator + 1));
  }

  /** The lease of the shard an entity lives in, as cluster sharding names it. */
  public String leaseName(String entityType, String entityId) {
    return shardLeasePrefix
        + entityType
        + "-"
        + ShardRegion.HashCodeMessageExtractor$.MODULE$.shardId(entityId, numberOfShards);
  }

  /**
   * Who holds each entity's lease now (read from Cassandra: one query for all), with whether this
   * node can reach it; an entity whose lease nobody holds is absent, unless its last known holder
   * is unreachable or gone (its lease ran out before anyone took it over): then that one.
   */
  public CompletionStage<Map<String, Owner>> owners(String entityType, List<String> entityIds) {
    if (leasePath.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    return table(system.settings().config().getConfig(leasePath))
        .owners()
        .thenApply(
            leases -> {
              Map<String, Owner> owners = new HashMap<>();
              for (String id : entityIds) {
                String name = leaseName(entityType, id);
                holder(name, Optional.ofNullable(leases.get(name)))
                    .ifPresent(owner -> owners.put(id, owner));
              }
              return owners;
            });
  }

  /**
   * Who holds one entity's lease now, with whether this node can reach it; empty if nobody (and its
   * last known holder is not unreachable or gone).
   */
  public CompletionStage<Optional<Owner>> owner(String entityType, String entityId) {
    if (leasePath.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String name = leaseName(entityType, entityId);
    return table(system.settings().config().getConfig(leasePath))
        .owner(name)
        .thenApply(tag -> holder(name, tag));
  }

  private Optional<Owner> holder(String leaseName, Optional<String> tag) {
    if (tag.isPresent()) {
      lastHolders.put(leaseName, tag.get());
      return Optional.of(owner(tag.get()));
    }
    return Optional.ofNullable(lastHolders.get(leaseName))
        .filter(last -> members.of(last).isPresent())
        .map(this::owner);
  }

  private Owner owner(String tag) {
    String node = tag.contains("#") ? tag.substring(0, tag.indexOf('#')) : tag;
    return members
        .of(tag)
        .map(
            seen ->
                new Owner(
                    node,
                    seen.removed() ? Owner.State.REMOVED : Owner.State.UNREACHABLE,
                    seen.since()))
        .orElse(new Owner(node, Owner.State.REACHABLE, null));
  }

  /** The path of the shard actor a shard lease belongs to; empty for other leases. */
  Optional<String> shardPathOf(String leaseName) {
    if (!leaseName.startsWith(shardLeasePrefix)) {
      return Optional.empty();
    }
    String typeAndShard = leaseName.substring(shardLeasePrefix.length());
    int dash = typeAndShard.lastIndexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    return Optional.of(
        "/system/sharding/"
            + URLEncoder.encode(typeAndShard.substring(0, dash), StandardCharsets.UTF_8)
            + "/"
            + URLEncoder.encode(typeAndShard.substring(dash + 1), StandardCharsets.UTF_8));
  }

  /**
   * The shard actor at this path, if it runs on this node: empty only when the node answered that
   * no actor is there; failed when no answer came in time. A busy node answers late, and releasing
   * the lease of a shard that still runs would leave its entities refused at every write, for good
   * ({@code resolveOne} cannot tell the two apart: it fails with ActorNotFound on a timeout too).
   */
  CompletionStage<Optional<ActorRef>> shardHere(String path) {
    return find(classic.actorSelection(path), IDENTIFY_TIMEOUT);
  }

  static CompletionStage<Optional<ActorRef>> find(ActorSelection selection, Duration timeout) {
    return Patterns.ask(selection, new Identify(selection.pathString()), timeout)
        .thenApply(answer -> ((ActorIdentity) answer).getActorRef());
  }

  /** Runs {@code whenStopped} once {@code shard} has stopped (at once if it already has). */
  void whenStopped(ActorRef shard, Runnable whenStopped) {
    shardWatch.tell(new ShardWatch.Watch(Adapter.toTyped(shard), whenStopped));
  }

  /** The config of the shard leases (cluster sharding's {@code use-lease}). */
  Config shardLeaseConfig() {
    return system.settings().config().getConfig(leasePath);
  }

  /** The lease table a lease config names (its Cassandra session, keyspace and table). */
  LeaseTable table(Config lease) {
    String session = lease.getString("cassandra-session");
    String keyspace = lease.getString("keyspace");
    String table = lease.getString("table");
    return tables.computeIfAbsent(
        session + "/" + keyspace + "." + table,
        key ->
            new LeaseTable(
                CassandraSessionRegistry.get(system).sessionFor(session),
                keyspace,
                table,
                system.settings().config().getConfig("pekko.persistence.cassandra.journal")));
  }

  void held(CassandraLease lease) {
    held.add(lease);
  }

  void released(CassandraLease lease) {
    held.remove(lease);
  }

  private String selfHostPort() {
    return Cluster.get(classic).selfAddress().hostPort();
  }
}
