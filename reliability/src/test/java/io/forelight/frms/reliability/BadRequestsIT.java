package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad requests to the running jars: HTTP requests with bad parameters get a 4xx with a JSON reason
 * (never a 500, never a stack trace); gRPC requests that are malformed, oversized, or name what
 * does not exist get a status naming the problem. None of them loses data or disturbs the reading
 * pipeline, which the invariant at the end checks.
 */
@ExtendWith(CassandraExtension.class)
class BadRequestsIT {

  @Test
  void badRequestsAreAnsweredWithTheirReasonAndDisturbNothing(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 1)) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      String history = "/api/reactors/reactor-1/sensors/temperature/history";
      String now = Instant.now().toString();

      assertError(api.raw("/api/reactors/nope/latest"), 404, "no reactor 'nope'");
      assertError(api.raw(history + "?from=yesterday"), 400, "ISO-8601");
      assertError(
          api.raw(history + "?from=" + now + "&to=2020-01-01T00:00:00Z"), 400, "must be before");
      assertError(
          api.raw(history + "?from=2020-01-01T00:00:00Z&to=" + now), 400, "at most 366 days");
      assertError(api.raw(history + "?buckets=0"), 400, "'buckets' must be a whole number");
      assertError(api.raw(history + "?buckets=many"), 400, "'buckets' must be a whole number");
      assertError(
          api.raw("/api/reactors/reactor-1/sensors/humidity/history"), 404, "no stored readings");
      assertError(api.raw("/api/nothing-here"), 404, "");
      String commands = "/api/reactors/reactor-1/commands";
      assertError(api.post(commands, "{not json"), 400, "");
      assertError(api.post(commands, "{\"command\": {\"type\": \"self-destruct\"}}"), 400, "");
      assertError(api.post(commands, "{}"), 400, "needs a 'command'");
      assertError(
          api.post(commands, "{\"command\": {\"type\": \"remove-sensor\", \"sensorId\": \"ph\"}}"),
          400,
          "needs a 'reason'");
      assertError(
          api.post(
              commands,
              "{\"command\": {\"type\": \"set-sensor-interval\", \"sensorId\": \"ph\", \"intervalMillis\": 1},"
                  + " \"reason\": \"too fast\"}"),
          400,
          "intervalMillis must be");
      assertError(
          api.post(
              "/api/reactors/nope/commands",
              "{\"command\": {\"type\": \"remove-sensor\", \"sensorId\": \"ph\"},"
                  + " \"reason\": \"no such reactor\"}"),
          404,
          "no reactor 'nope'");

      // Well-formed for the coordinator, refused by the reactor (a kind without a default unit):
      // settled as rejected with the reactor's reason, and the commands after it (finish()
      // disables every sensor by command) still go through.
      HttpResponse<String> queued =
          api.post(
              commands,
              "{\"command\": {\"type\": \"add-sensor\", \"sensorId\": \"rh\", \"kind\":"
                  + " \"humidity\", \"driver\": \"simulated\", \"intervalMillis\": 1000},"
                  + " \"key\": \"no-unit\", \"reason\": \"a sensor the reactor refuses\"}");
      assertEquals(202, queued.statusCode(), queued.body());
      Await.until(
          Duration.ofSeconds(30),
          () -> "the reactor's refusal recorded: " + api.get("/api/reactors/reactor-1"),
          () -> refusalRecorded(api, "no-unit", "needs a unit"));
      assertError(api.delete(commands + "/no-unit"), 400, "needs a 'reason'");
      assertError(
          api.delete(commands + "/no-unit?reason=too+late"), 409, "was already settled: refused");
      assertError(api.delete(commands + "/never-sent?reason=x"), 404, "no command never-sent");

      int linkPort = pipeline.reactors.get("reactor-1").node.port();
      // a coordinator of the fleet sending garbage: past the TLS handshake, refused by the service
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", linkPort)
              .sslContext(
                  new JdkSslContext(
                      pipeline.stack.ca().coordinatorContext("reactor-1"),
                      true,
                      null,
                      IdentityCipherSuiteFilter.INSTANCE,
                      new ApplicationProtocolConfig(
                          ApplicationProtocolConfig.Protocol.ALPN,
                          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                          "h2"),
                      ClientAuth.NONE,
                      null,
                      false))
              .build();
      try {
        assertGrpcError(
            channel,
            "Describe",
            new byte[] {(byte) 0xFF, 0x13, 0x37, 0x00, 0x7F},
            Status.Code.INVALID_ARGUMENT);
        assertGrpcError(
            channel, "Acknowledge", new byte[] {0x0A, 0x7F, 0x01}, Status.Code.INVALID_ARGUMENT);
        byte[] huge = new byte[8 * 1024 * 1024];
        assertGrpcError(channel, "Describe", huge, Status.Code.RESOURCE_EXHAUSTED);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      var before = pipeline.logged();
      Duration recovery = pipeline.awaitStored(api, before, Duration.ofSeconds(60));
      long compared = pipeline.finish(api);
      RecoveryReport.record(
          "bad HTTP and gRPC requests", recovery, compared, "pipeline undisturbed");
    }
  }

  /** The reactor's status lists the command as settled, not applied, with this reason. */
  private static boolean refusalRecorded(CoordinatorApi api, String key, String reason) {
    return api.get("/api/reactors/reactor-1")
        .map(
            status -> {
              for (JsonNode settled : status.path("state").path("settled")) {
                if (settled.path("command").path("key").asText().equals(key)) {
                  return !settled.path("applied").asBoolean()
                      && settled.path("reason").asText().contains(reason);
                }
              }
              return false;
            })
        .orElse(false);
  }

  private static void assertError(HttpResponse<String> response, int status, String reason) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").contains("json"),
        "JSON: " + response.headers());
    assertTrue(response.body().contains("\"error\""), response.body());
    assertTrue(response.body().contains(reason), response.body());
    assertFalse(
        response.body().contains("Exception") || response.body().contains("\tat "),
        response.body());
  }

  /**
   * Sends raw bytes as a request of the link service; expects an error status, not a crash. The
   * server may answer before the client's end of stream arrived and then reset the stream
   * (RST_STREAM CANCEL, as HTTP/2 allows); a client that sees the reset first reports CANCELLED
   * instead of the answer. Such a call is tried again (at most five times): the expected status
   * must come. An oversized request is refused while the client still sends it, so its reset always
   * comes first: for it, the reset is the answer.
   */
  private static void assertGrpcError(
      ManagedChannel channel, String method, byte[] body, Status.Code expected) {
    Status status = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      status = call(channel, method, body);
      boolean overtaken =
          status.getCode() == Status.Code.CANCELLED
              && String.valueOf(status.getDescription()).contains("RST_STREAM");
      if (!overtaken) {
        break;
      }
    }
    assertNotEquals(Status.Code.OK, status.getCode(), method + " accepted garbage");
    assertNotEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode(), "the node answered");
    if (expected == Status.Code.RESOURCE_EXHAUSTED && status.getCode() == Status.Code.CANCELLED) {
      return;
    }
    assertEquals(expected, status.getCode(), String.valueOf(status.getDescription()));
  }

  private static Status call(ManagedChannel channel, String method, byte[] body) {
    MethodDescriptor<byte[], byte[]> descriptor =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("frms.link.v1.ReactorLinkService/" + method)
            .setRequestMarshaller(RAW)
            .setResponseMarshaller(RAW)
            .build();
    CompletableFuture<Status> closed = new CompletableFuture<>();
    ClientCall<byte[], byte[]> call =
        channel.newCall(descriptor, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.request(1);
    call.sendMessage(body);
    call.halfClose();
    try {
      return closed.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(method + ": no answer", e);
    }
  }

  private static final MethodDescriptor.Marshaller<byte[]> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }
      };
}
