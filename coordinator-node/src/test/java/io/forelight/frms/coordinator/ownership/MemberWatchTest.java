package io.forelight.frms.coordinator.ownership;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.devkit.Await;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A member that stops answering is seen as unreachable since a time, and as removed after. */
@ExtendWith(LogCapturingExtension.class)
class MemberWatchTest {

  private static Config config() {
    return ConfigFactory.parseString(
            "pekko.actor.provider = cluster\n"
                + "pekko.remote.artery.canonical { hostname = \"127.0.0.1\", port = 0 }\n"
                + "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on\n"
                + "pekko.cluster.downing-provider-class = \"\"\n")
        .withFallback(ConfigFactory.load());
  }

  @Test
  void aMemberThatStopsAnsweringIsUnreachableSinceATime() {
    ActorTestKit watcher = ActorTestKit.create("watch", config());
    ActorTestKit other =
        ActorTestKit.create(
            "watch",
            ConfigFactory.parseString(
                    "pekko.coordinated-shutdown.run-by-actor-system-terminate = off")
                .withFallback(config()));
    try {
      Cluster a = Cluster.get(Adapter.toClassic(watcher.system()));
      Cluster b = Cluster.get(Adapter.toClassic(other.system()));
      a.join(a.selfAddress());
      b.join(a.selfAddress());
      Await.until(
          Duration.ofSeconds(30),
          "both Up",
          () -> a.state().members().size() == 2 && b.selfMember().status() == MemberStatus.up());
      MemberWatch members = new MemberWatch();
      watcher.spawn(members.behavior());
      String tag = MemberWatch.ownerTag(b.selfUniqueAddress());

      Adapter.toClassic(other.system()).terminate(); // gone without leaving
      Await.until(
          Duration.ofSeconds(30),
          "the other member unreachable",
          () -> members.of(tag).isPresent());
      assertTrue(!members.of(tag).orElseThrow().removed());
      a.down(b.selfAddress());
      Await.until(
          Duration.ofSeconds(30),
          "the other member removed",
          () -> members.of(tag).map(MemberWatch.Seen::removed).orElse(false));
    } finally {
      other.shutdownTestKit();
      watcher.shutdownTestKit();
    }
  }
}
