package io.forelight.frms.coordinator.ownership;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.Cluster;

/**
 * Joins the cluster through its seed nodes without ever forming a second cluster beside a running
 * one. Pekko lets the first seed node form a new cluster when no other seed answers within {@code
 * seed-node-timeout}; a first seed restarted on a busy machine (its TLS connections still slow to
 * open) did that beside the two running nodes, and each cluster's shards then waited on the other's
 * leases for ever. So a node that is the first of several seeds starts without seed nodes and this
 * actor looks at the lease table first: if another node renewed a lease within one heartbeat
 * interval, a cluster is running, and this node only joins it (the seeds with itself last); it
 * keeps looking while it waits, and should the renewals stop before it got in, it joins as Pekko
 * would (and may form the cluster). If nobody renews, or the table cannot be read, it joins as
 * Pekko would at once. Stops once this node is an Up member.
 */
public final class SeedJoin extends AbstractBehavior<SeedJoin.Command> {

  public sealed interface Command permits Look, LastWrites, Unreadable, MemberUp {}

  private enum Look implements Command {
    INSTANCE
  }

  private record LastWrites(Map<String, Long> byOwner) implements Command {}

  private record Unreadable(Throwable error) implements Command {}

  private enum MemberUp implements Command {
    INSTANCE
  }

  /** While waiting to get in, the renewals are looked at again this often. */
  private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

  private final List<Address> seeds;
  private final LeaseTable table;
  private final Duration interval;
  private final Cluster cluster;
  private final TimerScheduler<Command> timers;
  private Map<String, Long> previous;
  private boolean joiningOthers;

  /**
   * The seed nodes this node joins through {@link SeedJoin} when it is the first of several seeds
   * (the one Pekko would let form a cluster); empty when Pekko's own join is safe as configured.
   */
  public static Optional<List<String>> seedsToProbe(Config config) {
    List<String> seeds = config.getStringList("pekko.cluster.seed-nodes");
    if (seeds.size() < 2) {
      return Optional.empty();
    }
    Address first = AddressFromURIString.parse(seeds.get(0));
    boolean self =
        first
                .getHost()
                .orElse("")
                .equals(config.getString("pekko.remote.artery.canonical.hostname"))
            && first
                .getPort()
                .orElse(-1)
                .equals(config.getInt("pekko.remote.artery.canonical.port"));
    return self ? Optional.of(seeds) : Optional.empty();
  }

  /** The config for a node that joins through {@link SeedJoin}: no seed nodes for Pekko to use. */
  public static Config withoutSeedNodes(Config config) {
    return ConfigFactory.empty()
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(List.of()))
        .withFallback(config);
  }

  public static Behavior<Command> create(List<String> seeds) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  Cluster cluster = Cluster.get(Adapter.toClassic(context.getSystem()));
                  cluster.registerOnMemberUp(() -> context.getSelf().tell(MemberUp.INSTANCE));
                  Ownership ownership = Ownership.get(context.getSystem());
                  Config lease = ownership.shardLeaseConfig();
                  SeedJoin join =
                      new SeedJoin(
                          context,
                          timers,
                          cluster,
                          seeds.stream().map(AddressFromURIString::parse).toList(),
                          ownership.table(lease),
                          LeaseTiming.fromConfig(lease, "lease").heartbeatInterval());
                  join.read();
                  return join;
                }));
  }

  private SeedJoin(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Cluster cluster,
      List<Address> seeds,
      LeaseTable table,
      Duration interval) {
    super(context);
    this.timers = timers;
    this.cluster = cluster;
    this.seeds = seeds;
    this.table = table;
    this.interval = interval;
  }

  /**
   * The owners (other than any incarnation of {@code self}, a {@code system@host:port}) whose
   * latest lease write is newer in {@code after} than in {@code before}: alive and renewing.
   */
  static Set<String> renewing(Map<String, Long> before, Map<String, Long> after, String self) {
    Set<String> alive = new TreeSet<>();
    after.forEach(
        (owner, written) -> {
          boolean ours = owner.equals(self) || owner.startsWith(self + "#");
          if (!ours && written > before.getOrDefault(owner, Long.MIN_VALUE)) {
            alive.add(owner);
          }
        });
    return alive;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Look.class, look -> read())
        .onMessage(LastWrites.class, this::onLastWrites)
        .onMessage(Unreadable.class, this::onUnreadable)
        .onMessage(MemberUp.class, up -> Behaviors.stopped())
        .build();
  }

  private Behavior<Command> read() {
    getContext()
        .pipeToSelf(
            table.lastWrites(),
            (writes, error) -> error == null ? new LastWrites(writes) : new Unreadable(error));
    return this;
  }

  private Behavior<Command> onLastWrites(LastWrites writes) {
    Map<String, Long> before = previous;
    previous = writes.byOwner();
    if (before == null) {
      timers.startSingleTimer(Look.INSTANCE, interval.plusMillis(500));
      return this;
    }
    Set<String> alive = renewing(before, writes.byOwner(), cluster.selfAddress().hostPort());
    if (!alive.isEmpty()) {
      if (!joiningOthers) {
        getContext()
            .getLog()
            .info(
                "a cluster is running (leases renewed by {}): joining it through {}, never forming"
                    + " a new one",
                alive,
                others());
        cluster.joinSeedNodes(othersThenSelf());
        joiningOthers = true;
      }
      timers.startSingleTimer(Look.INSTANCE, LOOK_AGAIN);
      return this;
    }
    if (joiningOthers) {
      getContext()
          .getLog()
          .warn(
              "the nodes that renewed leases stopped before this node got in: joining through the"
                  + " seed nodes as configured, {}",
              seeds);
    }
    cluster.joinSeedNodes(seeds);
    return untilMemberUp();
  }

  private Behavior<Command> onUnreadable(Unreadable unreadable) {
    if (joiningOthers) {
      timers.startSingleTimer(Look.INSTANCE, LOOK_AGAIN);
      return this;
    }
    getContext()
        .getLog()
        .warn(
            "cannot read the lease table to see whether a cluster is running ({}): joining"
                + " through the seed nodes as configured, {}",
            unreadable.error().toString(),
            seeds);
    cluster.joinSeedNodes(seeds);
    return untilMemberUp();
  }

  /** Joining as configured: nothing left to do but stop once a member (no dead letter then). */
  private static Behavior<Command> untilMemberUp() {
    return Behaviors.receive(Command.class)
        .onMessage(MemberUp.class, up -> Behaviors.stopped())
        .onAnyMessage(other -> Behaviors.same())
        .build();
  }

  private List<Address> others() {
    return seeds.stream().filter(seed -> !seed.equals(cluster.selfAddress())).toList();
  }

  private List<Address> othersThenSelf() {
    List<Address> ordered = new ArrayList<>(others());
    ordered.add(cluster.selfAddress());
    return ordered;
  }
}
