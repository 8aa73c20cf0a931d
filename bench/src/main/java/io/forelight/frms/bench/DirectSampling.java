package io.forelight.frms.bench;

import io.forelight.frms.reactor.ReactorNode;
import io.forelight.frms.reactor.config.ReactorSettings;
import io.forelight.frms.reactor.config.ReactorSettings.SamplingSettings;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.journal.EventCodec;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.StoredEvent;
import io.forelight.frms.reactor.layout.Layout;
import io.forelight.frms.reactor.layout.SensorLayout;
import io.forelight.frms.reactor.sensor.Clock;
import io.forelight.frms.reactor.sensor.Quality;
import io.forelight.frms.reactor.sensor.Sampler;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The light load generator ({@code --sampling direct}): every reactor keeps its own readings log
 * and serves its own gRPC link exactly as a node does, but its readings are appended to that log by
 * one timer thread of the host at the instants the node would sample (one atomic write per sensor,
 * as a Sensor entity persists them) instead of by sampler, driver and sensor actors. What the
 * coordinator sees is the same; what the generator costs per reading is a fraction, so more of the
 * two cores are left to measure the coordinator and Cassandra. The reactors take no commands.
 */
final class DirectSampling {

  private final EventCodec codec;
  private final String writerUuid = UUID.randomUUID().toString();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private volatile boolean paused;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "direct-sampling");
            thread.setDaemon(true);
            return thread;
          });

  private record Reactor(FlashLog log, List<SensorSpec> sensors, long[] nextSeq) {}

  private final Duration interval;

  DirectSampling(ActorSystem<?> system, Duration interval) {
    this.codec = new EventCodec(Adapter.toClassic(system));
    this.interval = interval;
  }

  /** What stands in for the reactor node behind the link: the fixed layout, no commands. */
  static Behavior<ReactorNode.Command> layoutOf(ReactorSettings settings) {
    Layout layout = Layout.of(settings.sensors());
    return Behaviors.receive(ReactorNode.Command.class)
        .onMessage(
            ReactorNode.GetLayout.class,
            get -> {
              get.replyTo().tell(layout);
              return Behaviors.same();
            })
        .onMessage(
            ReactorNode.ApplyChange.class,
            change -> {
              SensorLayout.Apply apply = change.apply();
              apply
                  .replyTo()
                  .tell(
                      new SensorLayout.Outcome(
                          apply.key(), false, "the direct load generator takes no commands"));
              return Behaviors.same();
            })
        .build();
  }

  /**
   * Samples a reactor from now on at the instants its node would: {@code sampling} says where in
   * the interval (reactors spread over it as a fleet of nodes does).
   */
  void add(FlashLog log, List<SensorSpec> sensors, SamplingSettings sampling) {
    long[] next = new long[sensors.size()];
    for (int i = 0; i < next.length; i++) {
      next[i] = log.highestSeq(SensorSpec.persistenceId(sensors.get(i).id())) + 1;
    }
    Reactor reactor = new Reactor(log, List.copyOf(sensors), next);
    long first =
        Sampler.untilAligned(interval, sampling.phaseKey(), System.currentTimeMillis()).toNanos();
    timer.scheduleAtFixedRate(
        () -> sample(reactor), first / 1000, interval.toNanos() / 1000, TimeUnit.MICROSECONDS);
  }

  /**
   * Stops (or resumes) making readings; the links go on serving what the logs hold, so a paused
   * host's backlog drains.
   */
  void pause(boolean pause) {
    paused = pause;
  }

  private void sample(Reactor reactor) {
    if (paused) {
      return;
    }
    Map<String, List<StoredEvent>> writes = new LinkedHashMap<>();
    long now = Clock.nowMicros();
    for (int i = 0; i < reactor.sensors().size(); i++) {
      SensorSpec sensor = reactor.sensors().get(i);
      long seq = reactor.nextSeq()[i]++;
      double value = 30 + 5 * Math.sin((seq + i) / 50.0);
      ReadingTaken reading = new ReadingTaken(seq, now, value, sensor.unit(), Quality.GOOD, "");
      writes.put(SensorSpec.persistenceId(sensor.id()), List.of(stored(seq, reading)));
    }
    reactor
        .log()
        .append(writes)
        .whenComplete(
            (done, error) -> {
              if (error != null
                  && failures.putIfAbsent(reactor.log().dir().toString(), "") == null) {
                System.err.println("writing to " + reactor.log().dir() + " failed: " + error);
              }
            });
  }

  private StoredEvent stored(long seq, ReadingTaken reading) {
    return codec.encode(seq, System.currentTimeMillis(), writerUuid, reading);
  }
}
