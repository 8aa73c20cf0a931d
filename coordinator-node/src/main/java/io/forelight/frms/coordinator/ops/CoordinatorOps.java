package io.forelight.frms.coordinator.ops;

import io.forelight.frms.coordinator.history.HistoryWork;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.coordinator.storage.WriteGate;
import io.forelight.frms.node.Jmx;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.management.ObjectName;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators see of a coordinator node through JMX, one per actor system: the {@link
 * FleetMBean} and one {@link ReactorLinkMBean} per link hosted here. Links register themselves when
 * they start and leave when they stop.
 */
public final class CoordinatorOps implements Extension {

  public static final ExtensionId<CoordinatorOps> ID =
      new ExtensionId<>() {
        @Override
        public CoordinatorOps createExtension(ActorSystem<?> system) {
          return new CoordinatorOps();
        }
      };

  private static final Logger log = LoggerFactory.getLogger(CoordinatorOps.class);
  private static final ObjectName FLEET = Jmx.name("Fleet");
  private static final ObjectName LATENCY = Jmx.name("IngestLatency");

  private final Map<String, ReactorLinkMBean> links = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> storedTotals = new ConcurrentHashMap<>();
  private final IngestLatency latency = new IngestLatency();

  public static CoordinatorOps get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /**
   * Publishes the fleet and latency beans, samples the fleet's rate every second and logs a summary
   * of this node's ingest every {@code frms.coordinator.ingest.summary-interval} until the system
   * stops.
   */
  public void start(ActorSystem<?> system, File fleetFile) {
    FleetView fleet =
        new FleetView(
            fleetFile,
            () -> List.copyOf(links.values()),
            WriteGate.get(system),
            ReadingsInHand.get(system),
            HistoryWork.get(system));
    Duration summaryInterval = summaryInterval(system);
    Jmx.register(FLEET, FleetMBean.class, fleet);
    Jmx.register(LATENCY, IngestLatencyMBean.class, latency);
    system.getWhenTerminated().thenRun(() -> Jmx.unregister(LATENCY, latency));
    system
        .scheduler()
        .scheduleAtFixedRate(
            Duration.ZERO, Duration.ofSeconds(1), fleet::sample, system.executionContext());
    system
        .scheduler()
        .scheduleAtFixedRate(
            summaryInterval,
            summaryInterval,
            () -> {
              String summary = fleet.summary();
              if (summary != null) {
                log.info(summary);
              }
            },
            system.executionContext());
    system.getWhenTerminated().thenRun(() -> Jmx.unregister(FLEET, fleet));
  }

  private static Duration summaryInterval(ActorSystem<?> system) {
    String key = "frms.coordinator.ingest.summary-interval";
    Duration interval = system.settings().config().getDuration(key);
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got " + interval);
    }
    return interval;
  }

  /**
   * Readings were committed to Cassandra now: records, per reading, the time since the reactor took
   * it (its clock's timestamp, in microseconds since the epoch).
   */
  public void committed(long[] takenAtMicros) {
    Instant now = Instant.now();
    long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    for (long takenAt : takenAtMicros) {
      latency.record(nowMicros - takenAt);
    }
  }

  /**
   * Readings stored through this node's links to a reactor since the node started: kept here, not
   * by the link, so that the count goes on when a link restarts (one counter per reactor ever
   * linked from this node: bounded by the fleet).
   */
  public LongAdder storedTotal(String reactorId) {
    return storedTotals.computeIfAbsent(reactorId, id -> new LongAdder());
  }

  /** The links hosted on this node now. */
  public List<ReactorLinkMBean> hostedLinks() {
    return List.copyOf(links.values());
  }

  public void linkStarted(ReactorLinkMBean link) {
    links.put(link.getReactorId(), link);
    Jmx.register(linkName(link.getReactorId()), ReactorLinkMBean.class, link);
  }

  public void linkStopped(ReactorLinkMBean link) {
    links.remove(link.getReactorId(), link);
    Jmx.unregister(linkName(link.getReactorId()), link);
  }

  private static ObjectName linkName(String reactorId) {
    return Jmx.name("ReactorLink", "reactor", reactorId);
  }
}
