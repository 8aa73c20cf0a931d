package io.forelight.frms.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.HealthProbe;
import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devkit.RemoteJmx;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import io.forelight.frms.link.v1.SensorDescription;
import io.forelight.frms.link.v1.SetSensorEnabled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reactor node started from its jar, watched the way operators do: its readiness through Pekko
 * Management (going not-ready while a driver fails, naming the sensor, and back), and its MBeans
 * through a remote JMX connection, compared with what the node's link reports.
 */
class ReactorOpsIT {

  private static final Path JAR = Path.of("target", "reactor-node.jar").toAbsolutePath();
  private static final String REACTOR = "ops-test";

  @TempDir Path dir;

  @Test
  void readinessFollowsAFailingDriverAndTheMBeansMatchTheLog() throws Exception {
    int linkPort = FreePorts.pick();
    int managementPort = FreePorts.pick();
    int jmxPort = FreePorts.pick();
    Path config = dir.resolve("reactor.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "frms.reactor {",
            "  id = " + REACTOR,
            "  data-dir = \"" + dir.resolve("data") + "\"",
            "  link { interface = \"127.0.0.1\", port = "
                + linkPort
                + ", tls.allow-plaintext = on }",
            "  health { stale-intervals = 5, stale-grace = 500ms }",
            "  sensors {",
            // one GOOD reading, then one at each of its hourly instants
            "    steady { kind = temperature, driver = simulated, interval = 1h }",
            // one BAD reading, then one at each of its hourly instants
            "    broken { kind = ph, driver = simulated, interval = 1h, fault = error }",
            // fails from 20 s to 25 s after the start (a slow start on a busy machine still sees
            // it): stale after 1 s of that
            "    flaky { kind = dissolved-oxygen, driver = simulated, interval = 100ms,",
            "            fault = error, fault-after = 20s, fault-for = 5s }",
            "  }",
            "  actuators { heater { kind = heater, driver = simulated } }",
            "  loops {",
            "    temperature { kind = pid, input = steady, output = heater, setpoint = 37,",
            "                  record-terms = off, period = 1h }",
            "  }",
            "}",
            "pekko.management.http.port = " + managementPort));
    List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-Dconfig.file=" + config));
    jvm.addAll(RemoteJmx.flags(jmxPort));
    ActorSystem<Void> client = ActorSystem.create(Behaviors.empty(), "ops-it-client");
    long startedMillis = System.currentTimeMillis();
    try (NodeProcess node =
        NodeProcess.start("reactor-ops", JAR, jvm, Map.of(), dir.resolve("reactor.log"))) {
      Await.until(
          Duration.ofSeconds(60),
          () -> "ready; log:\n" + node.logTail(20),
          () -> HealthProbe.ask(managementPort, "/ready").ok());
      assertTrue(HealthProbe.ask(managementPort, "/alive").ok());

      Await.until(
          Duration.ofSeconds(60),
          () -> "not ready naming flaky: " + HealthProbe.ask(managementPort, "/ready"),
          () -> {
            HealthProbe.Answer ready = HealthProbe.ask(managementPort, "/ready");
            return ready.status() == 500
                && ready.body().contains("sensor flaky: no usable reading")
                && ready.body().contains("simulated device error")
                && !ready.body().contains("steady")
                && !ready.body().contains("broken");
          });
      Await.until(
          Duration.ofSeconds(30),
          () -> "ready again: " + HealthProbe.ask(managementPort, "/ready"),
          () -> HealthProbe.ask(managementPort, "/ready").ok());

      ReactorLinkServiceClient link =
          ReactorLinkServiceClient.create(
              GrpcClientSettings.connectToServiceAt("127.0.0.1", linkPort, client).withTls(false),
              client);
      link.applyCommand(
              CommandRequest.newBuilder()
                  .setReactorId(REACTOR)
                  .setIdempotencyKey("stop-flaky")
                  .setIssuedBy("ops-it")
                  .setSetSensorEnabled(
                      SetSensorEnabled.newBuilder().setSensorId("flaky").setEnabled(false))
                  .build())
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);

      try (RemoteJmx jmx = RemoteJmx.connect(jmxPort)) {
        String steady = "io.forelight.frms:type=Sensor,reactor=" + REACTOR + ",sensor=steady";
        String broken = "io.forelight.frms:type=Sensor,reactor=" + REACTOR + ",sensor=broken";
        String flaky = "io.forelight.frms:type=Sensor,reactor=" + REACTOR + ",sensor=flaky";
        String journal = "io.forelight.frms:type=Journal,reactor=" + REACTOR;
        Await.until(
            Duration.ofSeconds(10),
            "a disabled sensor's MBean is gone",
            () -> !jmx.isRegistered(flaky));

        long samples = (Long) jmx.get(steady, "Samples");
        assertTrue(
            samples >= 1 && samples <= hourlySamplesSince(startedMillis),
            "one reading at the start, one more only at its hourly instant: " + samples);
        assertEquals(0L, jmx.get(steady, "Faults"));
        assertEquals(samples, jmx.get(steady, "LastSeq"));
        assertEquals("GOOD", jmx.get(steady, "LastQuality"));
        assertEquals(3_600_000L, jmx.get(steady, "IntervalMillis"));
        double temperature = (Double) jmx.get(steady, "LastValue");
        assertTrue(temperature > 10 && temperature < 50, "a culture temperature: " + temperature);
        assertEquals(false, jmx.get(steady, "Stale"));

        long brokenSamples = (Long) jmx.get(broken, "Samples");
        assertTrue(
            brokenSamples >= 1 && brokenSamples <= hourlySamplesSince(startedMillis),
            "one reading at the start, one more only at its hourly instant: " + brokenSamples);
        assertEquals(brokenSamples, jmx.get(broken, "Faults"));
        assertEquals("BAD", jmx.get(broken, "LastQuality"));
        assertTrue(((Double) jmx.get(broken, "LastValue")).isNaN());
        assertTrue(((String) jmx.get(broken, "LastFault")).contains("simulated device error"));

        ReactorDescription described =
            link.describe(DescribeRequest.newBuilder().setReactorId(REACTOR).build())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        long logged =
            described.getSensorsList().stream().mapToLong(SensorDescription::getLastSeq).sum();
        assertTrue(logged > 40, "flaky sampled for seconds: " + logged);
        assertEquals(logged, jmx.get(journal, "UnacknowledgedReadings"), "nothing acknowledged");
        assertEquals(
            described.getLog().getUnacknowledgedReadings(),
            jmx.get(journal, "UnacknowledgedReadings"));
        assertEquals(described.getLog().getBytesOnDisk(), jmx.get(journal, "BytesOnDisk"));
        assertEquals(true, jmx.get(journal, "Writable"));
        assertEquals("", jmx.get(journal, "Problem"));

        String loop = "io.forelight.frms:type=Loop,reactor=" + REACTOR + ",loop=temperature";
        String heater = "io.forelight.frms:type=Actuator,reactor=" + REACTOR + ",actuator=heater";
        String probe = "io.forelight.frms:type=Probe,reactor=" + REACTOR + ",sensor=broken";
        assertEquals("auto", jmx.get(loop, "Mode"));
        assertEquals(37.0, jmx.get(loop, "Setpoint"));
        assertEquals("", jmx.get(loop, "Fault"));
        assertEquals("heater", jmx.get(heater, "Kind"));
        double level = (Double) jmx.get(heater, "Level");
        assertTrue(level >= 0 && level <= 1, "a heater level: " + level);
        assertEquals(0, jmx.get(probe, "CalibrationVersion"), "a pH probe, never calibrated");
        assertTrue(
            ((String) jmx.get(probe, "Stability")).startsWith("settling"),
            "a probe with no usable reading is not settled: " + jmx.get(probe, "Stability"));
      }
      int exit = node.stop(Duration.ofSeconds(30));
      assertTrue(exit == 0 || exit == 143, "SIGTERM ends the node by itself, got exit " + exit);
    } finally {
      client.terminate();
    }
  }

  /**
   * How many readings a sensor sampling every hour may have taken since {@code startedMillis}: one
   * at the start and one at each of its hourly instants since. Those are the wall clock's hours
   * shifted by the reactor's phase ({@code Sampler.untilAligned}: reactors spread their sampling
   * over the interval), so a run shorter than an hour crosses at most one, at any minute of the
   * hour (this test once failed at 05:29 with 2).
   */
  private static long hourlySamplesSince(long startedMillis) {
    long hour = Duration.ofHours(1).toMillis();
    return 2 + (System.currentTimeMillis() - startedMillis) / hour;
  }
}
