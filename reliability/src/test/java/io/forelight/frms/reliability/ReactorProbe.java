package io.forelight.frms.reliability;

import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import io.forelight.frms.link.v1.SensorDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;

/**
 * Asks a reactor node directly (not through its proxy) what it has logged: the suite's view of the
 * reactor side while links are broken.
 */
final class ReactorProbe implements AutoCloseable {

  private static final ActorSystem<Void> CLIENTS =
      ActorSystem.create(Behaviors.empty(), "reactor-probes");

  private final String reactorId;
  private final ReactorLinkServiceClient client;

  /** A probe dialling the reactor as a coordinator of its fleet, over mutual TLS. */
  ReactorProbe(String reactorId, int linkPort, SSLContext tls) {
    this.reactorId = reactorId;
    this.client =
        ReactorLinkServiceClient.create(
            GrpcClientSettings.connectToServiceAt("127.0.0.1", linkPort, CLIENTS)
                .withSslContext(tls)
                .withConnectionAttempts(1000),
            CLIENTS);
  }

  ReactorDescription describe() {
    try {
      return client
          .describe(DescribeRequest.newBuilder().setReactorId(reactorId).build())
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("reactor " + reactorId + " does not answer: " + e, e);
    }
  }

  /** The last sequence number logged by each sensor. */
  Map<String, Long> lastSeqs() {
    Map<String, Long> seqs = new LinkedHashMap<>();
    for (SensorDescription sensor : describe().getSensorsList()) {
      seqs.put(sensor.getSensorId(), sensor.getLastSeq());
    }
    return seqs;
  }

  /** Like {@link #lastSeqs}, but empty while the reactor does not answer yet (starting). */
  Map<String, Long> lastSeqsOnceUp() {
    try {
      return lastSeqs();
    } catch (IllegalStateException notUpYet) {
      return Map.of();
    }
  }

  boolean allDisabled() {
    try {
      return describe().getSensorsList().stream().noneMatch(SensorDescription::getEnabled);
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** The reactor's clock minus ours, in milliseconds. */
  long clockOffsetMillis() {
    return describe().getClockMicros() / 1000 - System.currentTimeMillis();
  }

  @Override
  public void close() {
    client.close();
  }
}
