package io.forelight.frms.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.node.NodeConfig;
import io.forelight.frms.reactor.Main;
import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.sensor.Quality;
import io.forelight.frms.reactor.sensor.Sample;
import io.forelight.frms.reactor.sensor.Sensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * How fast a reactor logs readings: {@code sensors} Sensor entities on the real flash log journal
 * (fsync per group commit) in a temporary directory, each logging as fast as its previous reading
 * is durable. Prints readings/s and the time from Record to durable (p50, p99).
 */
final class ReactorLogBench {

  private ReactorLogBench() {}

  static void run(Bench.Options options) throws Exception {
    int sensors = options.integer("sensors", 32);
    int seconds = options.integer("seconds", 20);
    Path dir = Files.createTempDirectory("frms-reactor-log-bench");
    Config config =
        NodeConfig.load(
            ConfigFactory.parseString(
                "frms.reactor.data-dir = \"" + dir + "\"\npekko.loglevel = WARNING"),
            "reactor-node.conf");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "reactor-log-bench", config);
    AtomicLong logged = new AtomicLong();
    AtomicLong total = new AtomicLong();
    Percentiles latency = new Percentiles(2_000_000);
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
    CountDownLatch done = new CountDownLatch(sensors);
    for (int i = 0; i < sensors; i++) {
      SensorSpec spec =
          new SensorSpec(
              "s" + i,
              "temperature",
              "simulated",
              "°C",
              Duration.ofSeconds(1),
              true,
              Calibration.NONE,
              new SensorKinds.Range(-20, 150),
              Map.of());
      ActorRef<Sensor.Command> sensor =
          system.systemActorOf(
              Sensor.create(spec, Main.READINGS_JOURNAL, self -> Behaviors.empty()),
              "sensor-" + i,
              org.apache.pekko.actor.typed.Props.empty());
      system.systemActorOf(
          writer(sensor, logged, total, latency, warmupEnd, end, done),
          "writer-" + i,
          org.apache.pekko.actor.typed.Props.empty());
    }
    System.out.printf(
        "logging with %d sensors for %d s (after 3 s warm-up) in %s%n", sensors, seconds, dir);
    done.await(seconds + 60L, TimeUnit.SECONDS);
    double rate = logged.get() / (double) seconds;
    long bytes;
    try (var files = Files.walk(dir.resolve("readings"))) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    WorkDirs.delete(dir);
    new Report(
            "reactor-log", "Reactor local log: write rate through Sensor actors and the flash log")
        .add("sensors", sensors, "sensors, one reading in flight each")
        .add("readings logged per second", rate, "readings/s")
        .add("record to durable, p50", latency.percentile(50) / 1000.0, "ms")
        .add("record to durable, p99", latency.percentile(99) / 1000.0, "ms")
        .add("bytes on flash per reading", bytes / (double) Math.max(1, total.get()), "bytes")
        .publish(options);
  }

  private record Recorded(Sensor.Recorded recorded, long startedNanos) {}

  private static Behavior<Recorded> writer(
      ActorRef<Sensor.Command> sensor,
      AtomicLong logged,
      AtomicLong total,
      Percentiles latency,
      long warmupEnd,
      long end,
      CountDownLatch done) {
    return Behaviors.setup(
        context -> {
          long[] started = {System.nanoTime()};
          ActorRef<Sensor.Recorded> replies =
              context.messageAdapter(Sensor.Recorded.class, r -> new Recorded(r, started[0]));
          sensor.tell(new Sensor.Record(sample(), replies));
          return Behaviors.receiveMessage(
              message -> {
                long now = System.nanoTime();
                total.incrementAndGet();
                if (now > warmupEnd && now <= end) {
                  logged.incrementAndGet();
                  latency.add((now - message.startedNanos()) / 1000);
                }
                if (now > end) {
                  done.countDown();
                  return Behaviors.stopped();
                }
                started[0] = System.nanoTime();
                sensor.tell(new Sensor.Record(sample(), replies));
                return Behaviors.same();
              });
        });
  }

  private static Sample sample() {
    return new Sample(System.currentTimeMillis() * 1000, 37.0, Quality.GOOD, "");
  }
}
