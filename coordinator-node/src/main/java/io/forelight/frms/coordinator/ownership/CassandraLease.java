package io.forelight.frms.coordinator.ownership;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.coordination.lease.LeaseSettings;
import org.apache.pekko.coordination.lease.javadsl.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContextExecutor;

/**
 * A Pekko {@link Lease} kept in Cassandra ({@link LeaseTable}: lightweight transactions, TTL).
 * Pekko creates one per shard (cluster sharding's {@code use-lease}) and one for the split brain
 * resolver's {@code lease-majority}; config: {@code frms.coordinator.ownership.lease}.
 *
 * <p>Held means: the last renewal sent less than {@code heartbeat-timeout - safety-margin} ago was
 * applied ({@link Validity}). It is renewed every {@code heartbeat-interval}; {@link #checkLease()}
 * is false from the moment the trusted time ran out, so a write fenced on it is refused even before
 * the next heartbeat runs. A lapse shorter than the row's TTL (a starved or briefly paused process,
 * a slow Cassandra) only suspends it until a renewal is applied; a renewal refused (another owner,
 * or the row expired) or a lapse past the TTL loses it at once and calls the loss callback. A
 * shard's lease is released when that shard actor stops on this node (handoff, shutdown; watched by
 * {@link ShardWatch}); Pekko's shard does not release it itself. Operations on one lease run one
 * after another.
 *
 * <p>The owner stored is the node's address plus its incarnation (the cluster's unique id), so a
 * restarted node waits for its dead predecessor's leases to expire like any other node.
 */
public final class CassandraLease extends Lease {

  private static final Logger log = LoggerFactory.getLogger(CassandraLease.class);

  /** Given to the loss callback: why the lease was lost. */
  public static final class LeaseLost extends RuntimeException {
    LeaseLost(String message) {
      super(message);
    }
  }

  private final LeaseSettings settings;
  private final ExtendedActorSystem system;
  private final LeaseTiming timing;
  private final LeaseTable table;
  private final Ownership ownership;
  private final String owner;
  private final Optional<String> shardPath;
  private final Validity.Clocks clocks;
  private final Validity validity;
  private final ExecutionContextExecutor executor;
  private Consumer<Optional<Throwable>> onLost;
  private Cancellable heartbeat;
  private Cancellable shardSearch;
  private static final long ANY_GRANT = -1;
  private long grants;
  private boolean renewing;
  private boolean suspended;
  private CompletableFuture<?> lastOperation = CompletableFuture.completedFuture(null);

  public CassandraLease(LeaseSettings settings, ExtendedActorSystem system) {
    this(settings, system, Validity.Clocks.SYSTEM);
  }

  CassandraLease(LeaseSettings settings, ExtendedActorSystem system, Validity.Clocks clocks) {
    this.settings = settings;
    this.system = system;
    this.clocks = clocks;
    String path = "lease " + settings.leaseName();
    this.timing = LeaseTiming.fromConfig(settings.leaseConfig(), path);
    this.ownership = Ownership.get(Adapter.toTyped(system));
    this.table = ownership.table(settings.leaseConfig());
    this.owner = settings.ownerName() + "#" + Cluster.get(system).selfUniqueAddress().longUid();
    this.shardPath = ownership.shardPathOf(settings.leaseName());
    this.validity = new Validity(timing.trusted(), clocks);
    this.executor = system.dispatchers().lookup("frms.coordinator.ownership.lease-dispatcher");
  }

  @Override
  public LeaseSettings getSettings() {
    return settings;
  }

  @Override
  public CompletionStage<Boolean> acquire() {
    return acquire(reason -> {});
  }

  /**
   * Takes the lease, trying again every {@code acquire-retry-interval} while another owner holds it
   * or Cassandra does not answer, for up to {@code lease-operation-timeout}: false if another owner
   * still holds it then, failed if Cassandra never answered.
   */
  @Override
  public CompletionStage<Boolean> acquire(Consumer<Optional<Throwable>> leaseLostCallback) {
    long deadline = clocks.monotonicNanos() + timing.operationTimeout().toNanos();
    return serially(
        () -> {
          CompletableFuture<Boolean> result = new CompletableFuture<>();
          tryAcquire(leaseLostCallback, deadline, result);
          return result;
        });
  }

  private void tryAcquire(
      Consumer<Optional<Throwable>> callback, long deadline, CompletableFuture<Boolean> result) {
    tryAcquire(callback, deadline, result, clocks.monotonicNanos(), null);
  }

  private void tryAcquire(
      Consumer<Optional<Throwable>> callback,
      long deadline,
      CompletableFuture<Boolean> result,
      long firstTry,
      String waitedFor) {
    AtomicReference<Validity.Sent> sent = new AtomicReference<>();
    table
        .ready()
        .thenCompose(
            ready -> {
              sent.set(Validity.Sent.now(clocks));
              return table.acquire(
                  settings.leaseName(), owner, timing.ttlSeconds(), timing.operationTimeout());
            })
        .whenComplete(
            (heldBy, error) -> {
              if (error == null && heldBy.isEmpty()) {
                granted(sent.get(), callback);
                if (waitedFor != null) {
                  log.info(
                      "lease {} taken after waiting {} ms for {}",
                      settings.leaseName(),
                      (clocks.monotonicNanos() - firstTry) / 1_000_000,
                      waitedFor);
                }
                result.complete(true);
              } else if (clocks.monotonicNanos() + timing.acquireRetryInterval().toNanos()
                  < deadline) {
                String waiting = error != null ? rootMessage(error) : "holder " + heldBy.get();
                system
                    .scheduler()
                    .scheduleOnce(
                        scala(timing.acquireRetryInterval()),
                        () -> tryAcquire(callback, deadline, result, firstTry, waiting),
                        executor);
              } else if (error != null) {
                result.completeExceptionally(
                    new IllegalStateException(
                        "cannot take lease " + settings.leaseName() + ": " + rootMessage(error),
                        error));
              } else {
                log.info("lease {} is held by {}", settings.leaseName(), heldBy.get());
                result.complete(false);
              }
            });
  }

  private void granted(Validity.Sent sent, Consumer<Optional<Throwable>> callback) {
    long grant;
    synchronized (this) {
      grants++;
      suspended = false;
      validity.renewed(sent);
      onLost = callback;
      if (heartbeat == null) {
        heartbeat =
            system
                .scheduler()
                .scheduleWithFixedDelay(
                    scala(timing.heartbeatInterval()),
                    scala(timing.heartbeatInterval()),
                    this::renew,
                    executor);
      }
      grant = grants;
    }
    if (shardPath.isPresent()) {
      watchShard(grant);
    }
    ownership.held(this);
    log.debug("lease {} taken by {}", settings.leaseName(), owner);
  }

  /**
   * One heartbeat. A holder not renewed within the trusted time (paused, starved of CPU, or
   * Cassandra slow) is <em>suspended</em>: {@link #checkLease()} is already false, so its writes
   * are refused, but it still asks Cassandra; a renewal applied proves the row stayed this node's
   * (no one can take a row before it expires), and the lease is trusted again without stopping the
   * shard. Only past the row's TTL, or when Cassandra refuses the renewal, is the lease lost.
   * Skipped while the previous renewal is still in flight, so slow answers never queue up.
   */
  private void renew() {
    synchronized (this) {
      if (!validity.held() || renewing) {
        return;
      }
      if (!validity.within(timing.ttl())) {
        lose(
            "not renewed for "
                + validity.sinceRenewal().toMillis()
                + " ms (more than heartbeat-timeout = "
                + timing.ttl().toMillis()
                + " ms, its row's TTL): this node was paused or Cassandra did not answer");
        return;
      }
      if (!validity.valid() && !suspended) {
        suspended = true;
        log.warn(
            "lease {}: not renewed for {} ms (more than heartbeat-timeout - safety-margin = {} ms):"
                + " writes refused until a renewal is applied",
            settings.leaseName(),
            validity.sinceRenewal().toMillis(),
            timing.trusted().toMillis());
      }
      renewing = true;
    }
    serially(
        () -> {
          Validity.Sent sent = Validity.Sent.now(clocks);
          return table
              .renew(settings.leaseName(), owner, timing.ttlSeconds(), timing.operationTimeout())
              .whenComplete((applied, error) -> renewed(sent, applied, error));
        }); // the table is ready: a lease is renewed only after it was taken
  }

  private synchronized void renewed(Validity.Sent sent, Boolean applied, Throwable error) {
    renewing = false;
    if (!validity.held()) {
      return;
    }
    if (error != null) {
      log.warn(
          "lease {}: renewal failed ({}); still trusted for {} ms",
          settings.leaseName(),
          rootMessage(error),
          Math.max(0, timing.trusted().minus(validity.sinceRenewal()).toMillis()));
    } else if (applied) {
      if (suspended) {
        suspended = false;
        log.info(
            "lease {}: renewed {} ms after the previous renewal, trusted again",
            settings.leaseName(),
            validity.sinceRenewal().toMillis());
      }
      validity.renewed(sent);
    } else {
      lose("its row expired or another node took it over");
    }
  }

  /** Loses the lease now: no longer trusted, timers stopped, the holder told. */
  private void lose(String reason) {
    Consumer<Optional<Throwable>> callback;
    synchronized (this) {
      if (!validity.held()) {
        return;
      }
      validity.clear();
      suspended = false;
      callback = onLost;
      onLost = null;
      stopTimers();
    }
    ownership.released(this);
    log.warn("lease {} lost by {}: {}", settings.leaseName(), owner, reason);
    if (callback != null) {
      callback.accept(Optional.of(new LeaseLost(reason)));
    }
  }

  /**
   * Releases the lease when its shard actor is gone from this node: finds the shard actor (asked
   * again every {@code release-check-interval} while the node is too busy to answer) and watches
   * it. Not if the lease was taken again meanwhile (a new shard on this node asked for it).
   */
  private void watchShard(long grant) {
    ownership
        .shardHere(shardPath.orElseThrow())
        .whenComplete(
            (shard, noAnswer) -> {
              if (noAnswer != null) {
                searchShardAgain(grant);
              } else if (shard.isEmpty()) {
                shardStopped(grant);
              } else {
                ownership.whenStopped(shard.get(), () -> shardStopped(grant));
              }
            });
  }

  private synchronized void searchShardAgain(long grant) {
    if (grant == grants && validity.held()) {
      shardSearch =
          system
              .scheduler()
              .scheduleOnce(
                  scala(timing.releaseCheckInterval()), () -> watchShard(grant), executor);
    }
  }

  private void shardStopped(long grant) {
    log.debug("lease {}: its shard stopped here, releasing", settings.leaseName());
    releaseIfGrant(grant);
  }

  @Override
  public CompletionStage<Boolean> release() {
    return releaseIfGrant(ANY_GRANT);
  }

  /** Releases the lease, unless {@code grant} is given and it was taken again since that grant. */
  private CompletionStage<Boolean> releaseIfGrant(long grant) {
    synchronized (this) {
      if (grant != ANY_GRANT && (grant != grants || !validity.held())) {
        return CompletableFuture.completedFuture(false);
      }
      validity.clear();
      onLost = null;
      stopTimers();
    }
    ownership.released(this);
    return serially(() -> table.release(settings.leaseName(), owner, timing.operationTimeout()));
  }

  @Override
  public synchronized boolean checkLease() {
    return validity.valid();
  }

  /** The lease name, for messages. */
  String name() {
    return settings.leaseName();
  }

  boolean isShardLease() {
    return shardPath.isPresent();
  }

  private void stopTimers() {
    if (heartbeat != null) {
      heartbeat.cancel();
      heartbeat = null;
    }
    if (shardSearch != null) {
      shardSearch.cancel();
      shardSearch = null;
    }
  }

  /** Runs {@code operation} after the previous one on this lease has completed, either way. */
  private synchronized <T> CompletionStage<T> serially(Supplier<CompletionStage<T>> operation) {
    CompletableFuture<T> next =
        lastOperation
            .handle((r, e) -> null)
            .thenCompose(ignored -> operation.get())
            .toCompletableFuture();
    lastOperation = next;
    return next;
  }

  private static scala.concurrent.duration.FiniteDuration scala(Duration duration) {
    return scala.concurrent.duration.FiniteDuration.fromNanos(duration.toNanos());
  }

  static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
