package io.forelight.frms.coordinator.ownership;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Since when each cluster member has been unreachable, or when it was removed, as this node saw it:
 * the owner of a reactor's lease is named in the API with this ("unreachable since T"). Kept by a
 * small actor subscribed to the cluster's reachability and removal events; read from any thread.
 */
final class MemberWatch {

  /** A member's state as last seen: unreachable or removed since a time. */
  record Seen(boolean removed, Instant since) {}

  /** Removed members are remembered this long: far longer than any lease they held. */
  private static final Duration FORGET_REMOVED_AFTER = Duration.ofHours(1);

  private final Map<String, Seen> byOwner = new ConcurrentHashMap<>();

  private void forgetRemovedBefore(Instant cutoff) {
    byOwner.values().removeIf(seen -> seen.removed() && seen.since().isBefore(cutoff));
  }

  /** What is known of the member with this owner tag ({@code host:port#uid}); empty if healthy. */
  Optional<Seen> of(String owner) {
    return Optional.ofNullable(byOwner.get(owner));
  }

  static String ownerTag(UniqueAddress member) {
    return member.address().hostPort() + "#" + member.longUid();
  }

  Behavior<ClusterEvent.ClusterDomainEvent> behavior() {
    return Behaviors.setup(
        context -> {
          Cluster.get(context.getSystem())
              .subscriptions()
              .tell(
                  Subscribe.create(
                      context.getSelf().narrow(), ClusterEvent.ClusterDomainEvent.class));
          return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
              .onMessage(
                  ClusterEvent.UnreachableMember.class,
                  e -> {
                    byOwner.putIfAbsent(
                        ownerTag(e.member().uniqueAddress()), new Seen(false, Instant.now()));
                    return Behaviors.same();
                  })
              .onMessage(
                  ClusterEvent.ReachableMember.class,
                  e -> {
                    byOwner.remove(ownerTag(e.member().uniqueAddress()));
                    return Behaviors.same();
                  })
              .onMessage(
                  ClusterEvent.MemberRemoved.class,
                  e -> {
                    byOwner.put(
                        ownerTag(e.member().uniqueAddress()), new Seen(true, Instant.now()));
                    return Behaviors.same();
                  })
              .onAnyMessage(e -> Behaviors.same())
              .build();
        });
  }
}
