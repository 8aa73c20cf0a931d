package io.forelight.frms.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import io.forelight.frms.link.v1.Reading;
import io.forelight.frms.link.v1.SensorSeq;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reactor-node jar as a process: readings streamed over real gRPC survive a SIGKILL of the node
 * mid-sampling with the same sequence numbers and values, and the sequences go on after the restart
 * without a gap or a reused number.
 */
class ReactorNodeCrashIT {

  private static final List<String> SENSORS = List.of("temperature", "oxygen", "ph");
  private static final Path JAR =
      Path.of(System.getProperty("frms.reactor.jar", "target/reactor-node.jar"));
  private static ActorSystem<Void> client;

  @BeforeAll
  static void startClient() {
    client = ActorSystem.create(Behaviors.empty(), "crash-it-client");
  }

  @AfterAll
  static void stopClient() {
    client.terminate();
  }

  @Test
  void keepsEveryStreamedReadingAcrossSigkillAndContinuesEachSequence(@TempDir Path dir)
      throws Exception {
    int port = FreePorts.pick();
    Path config = writeConfig(dir, port);
    Map<String, List<Reading>> beforeKill = new ConcurrentHashMap<>();

    try (NodeProcess first = start(config, dir, "first")) {
      ReactorLinkServiceClient link = connect(port, first);
      link.streamReadings(requestAfter(Map.of()))
          .runWith(
              Sink.foreach(batch -> batch.getReadingsList().forEach(r -> add(beforeKill, r))),
              client);
      Await.until(
          Duration.ofSeconds(60),
          () -> "at least 150 readings per sensor before the kill, have " + counts(beforeKill),
          () ->
              SENSORS.stream().allMatch(s -> beforeKill.getOrDefault(s, List.of()).size() >= 150));
      first.kill();
      link.close();
    }
    Map<String, List<Reading>> streamedBeforeKill = copy(beforeKill);

    try (NodeProcess second = start(config, dir, "second")) {
      ReactorLinkServiceClient link = connect(port, second);
      Map<String, List<Reading>> afterRestart = new ConcurrentHashMap<>();
      link.streamReadings(requestAfter(Map.of()))
          .runWith(
              Sink.foreach(batch -> batch.getReadingsList().forEach(r -> add(afterRestart, r))),
              client);
      Await.until(
          Duration.ofSeconds(60),
          () -> "readings past the pre-kill ones plus 50 new, have " + counts(afterRestart),
          () ->
              SENSORS.stream()
                  .allMatch(
                      s ->
                          afterRestart.getOrDefault(s, List.of()).size()
                              >= streamedBeforeKill.get(s).size() + 50));
      for (String sensor : SENSORS) {
        List<Reading> before = streamedBeforeKill.get(sensor);
        List<Reading> after = List.copyOf(afterRestart.get(sensor));
        for (int i = 0; i < after.size(); i++) {
          assertEquals(
              i + 1, after.get(i).getSeq(), sensor + ": dense sequence from 1, no gap, no reuse");
        }
        for (int i = 0; i < before.size(); i++) {
          assertEquals(before.get(i), after.get(i), sensor + ": reading " + (i + 1) + " unchanged");
        }
        assertTrue(
            after.get(after.size() - 1).getTakenAtMicros()
                > before.get(before.size() - 1).getTakenAtMicros(),
            sensor + ": sampling went on after the restart");
      }
      link.close();
    }
  }

  private static NodeProcess start(Path config, Path dir, String name) {
    return NodeProcess.start(
        "reactor-" + name,
        JAR,
        List.of("-Xmx256m", "-Dconfig.file=" + config),
        Map.of(),
        dir.resolve(name + ".log"));
  }

  private static ReactorLinkServiceClient connect(int port, NodeProcess node) {
    ReactorLinkServiceClient link =
        ReactorLinkServiceClient.create(
            GrpcClientSettings.connectToServiceAt("127.0.0.1", port, client).withTls(false),
            client);
    Await.until(
        Duration.ofSeconds(60),
        () -> node + " answers Describe; log:\n" + node.logTail(20),
        () -> {
          try {
            link.describe(DescribeRequest.newBuilder().setReactorId("crash-test").build())
                .toCompletableFuture()
                .get(2, TimeUnit.SECONDS);
            return true;
          } catch (Exception e) {
            return false;
          }
        });
    return link;
  }

  private static StreamReadingsRequest requestAfter(Map<String, Long> after) {
    StreamReadingsRequest.Builder request =
        StreamReadingsRequest.newBuilder().setReactorId("crash-test").setMaxBatchSize(50);
    for (String sensor : SENSORS) {
      request.addAfter(
          SensorSeq.newBuilder().setSensorId(sensor).setSeq(after.getOrDefault(sensor, 0L)));
    }
    return request.build();
  }

  private static Path writeConfig(Path dir, int port) throws Exception {
    StringBuilder sensors = new StringBuilder();
    for (String sensor : SENSORS) {
      String kind = sensor.equals("oxygen") ? "dissolved-oxygen" : sensor;
      sensors
          .append(sensor)
          .append(" { kind = ")
          .append(kind)
          .append(", driver = simulated, interval = 20ms }\n");
    }
    Path config = dir.resolve("reactor.conf");
    Files.writeString(
        config,
        "frms.reactor {\n"
            + "  id = crash-test\n"
            + "  data-dir = \""
            + dir.resolve("data")
            + "\"\n"
            + "  link { interface = \"127.0.0.1\", port = "
            + port
            + ", tls.allow-plaintext = on }\n"
            + "  sensors {\n"
            + sensors
            + "  }\n"
            + "}\n"
            + "pekko.management.http.port = 0\n");
    return config;
  }

  private static void add(Map<String, List<Reading>> readings, Reading reading) {
    readings.computeIfAbsent(reading.getSensorId(), s -> new CopyOnWriteArrayList<>()).add(reading);
  }

  private static Map<String, List<Reading>> copy(Map<String, List<Reading>> readings) {
    Map<String, List<Reading>> copy = new ConcurrentHashMap<>();
    readings.forEach((sensor, list) -> copy.put(sensor, new ArrayList<>(list)));
    return copy;
  }

  private static Map<String, Integer> counts(Map<String, List<Reading>> readings) {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    readings.forEach((sensor, list) -> counts.put(sensor, list.size()));
    return counts;
  }
}
