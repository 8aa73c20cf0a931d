package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FaultProxy;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorCertificateService;
import io.forelight.frms.link.v1.ReactorCertificateServiceHandlerFactory;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import io.forelight.frms.link.v1.ReactorLinkServiceHandlerFactory;
import io.forelight.frms.link.v1.RenewCertificateReply;
import io.forelight.frms.link.v1.RenewCertificateRequest;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A link client over real gRPC: it makes the link's calls, and once closed nothing keeps it (a link
 * makes one per connection attempt, so a client kept after its close is a leak per attempt).
 */
class LinkClientTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "link-client", ConfigFactory.parseString("pekko.http.server.enable-http2 = on"));
  private static ServerBinding binding;
  private static ServerBinding certificates;

  /** How the reactor encoded its last response ("identity" when it did not say). */
  private static final AtomicReference<String> lastEncoding = new AtomicReference<>();

  @BeforeAll
  static void startReactor() throws Exception {
    org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>> handler =
        ReactorLinkServiceHandlerFactory.create(TestReactors.describing("r1"), testKit.system());
    binding =
        Http.get(testKit.system())
            .newServerAt("127.0.0.1", 0)
            .bind(
                (org.apache.pekko.japi.function.Function<
                        HttpRequest, CompletionStage<HttpResponse>>)
                    request ->
                        handler
                            .apply(request)
                            .thenApply(
                                response -> {
                                  lastEncoding.set(
                                      response
                                          .getHeader("grpc-encoding")
                                          .map(HttpHeader::value)
                                          .orElse("identity"));
                                  return response;
                                }))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    ReactorCertificateService renewing =
        in ->
            CompletableFuture.completedFuture(
                RenewCertificateReply.newBuilder().setSerial("42").build());
    certificates =
        Http.get(testKit.system())
            .newServerAt("127.0.0.1", 0)
            .bind(ReactorCertificateServiceHandlerFactory.create(renewing, testKit.system()))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    binding.unbind();
    certificates.unbind();
    testKit.shutdownTestKit();
  }

  @Test
  void aClosedClientIsLeftToTheGarbageCollector() throws Exception {
    WeakReference<LinkClient> closed = describeAndClose(binding.localAddress().getPort());

    Await.until(Duration.ofSeconds(20), "the closed client collected", () -> collected(closed));
  }

  @Test
  void aClosedCertificateClientIsLeftToTheGarbageCollector() throws Exception {
    WeakReference<CertificateClient> closed = renewAndClose();

    Await.until(Duration.ofSeconds(20), "the closed client collected", () -> collected(closed));
  }

  @Test
  void aLinkAsksForUncompressedResponses() throws Exception {
    describeAndClose(binding.localAddress().getPort());
    assertEquals("identity", lastEncoding.get());

    describeAndCloseGenerated(); // grpc-java's default: the test can fail
    assertEquals("gzip", lastEncoding.get());
  }

  /**
   * A link announces a header table of 0 bytes and the reactor applies it: its header blocks after
   * acknowledging begin with a table size update to 0 (HPACK's 0x20), so nothing it sends is kept
   * in a table on the coordinator; the link's own requests begin with one too.
   */
  @Test
  void aLinkKeepsNoHeaderTableAndTheReactorAppliesIt() throws Exception {
    try (FaultProxy proxy = FaultProxy.to(binding.localAddress().getPort())) {
      proxy.record();
      LinkClient client = new LinkClient("127.0.0.1", proxy.port(), Optional.empty());
      try {
        Await.until(
            Duration.ofSeconds(20),
            () -> "a response after the reactor acknowledged the link's settings",
            () -> {
              describe(client);
              return !reactorHeadersAfterItsSecondAck(proxy).isEmpty();
            });
      } finally {
        client.close();
      }
      Http2Frames link = Http2Frames.read(proxy.recordedUp(), true);
      assertTrue(
          link.frames().stream()
              .anyMatch(f -> f.is(Http2Frames.SETTINGS) && !f.isAck() && f.setting(1) == 0),
          "the link announces SETTINGS_HEADER_TABLE_SIZE 0");
      assertEquals(0x20, reactorHeadersAfterItsSecondAck(proxy).get(0).firstOfBlock());
      List<Http2Frames.Frame> requests =
          link.after(1, f -> f.is(Http2Frames.SETTINGS) && f.setting(1) == 0).stream()
              .filter(f -> f.is(Http2Frames.HEADERS))
              .toList();
      assertFalse(requests.isEmpty(), "requests after the announcement");
      assertEquals(0x20, requests.get(0).firstOfBlock(), "the link's own table emptied");
    }
  }

  /** HEADERS frames of the reactor after it acknowledged the link's second SETTINGS frame. */
  private static List<Http2Frames.Frame> reactorHeadersAfterItsSecondAck(FaultProxy proxy) {
    return Http2Frames.read(proxy.recordedDown(), false).after(2, Http2Frames.Frame::isAck).stream()
        .filter(f -> f.is(Http2Frames.HEADERS))
        .toList();
  }

  private static void describe(LinkClient client) {
    try {
      client
          .describe(DescribeRequest.getDefaultInstance())
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("describe through the proxy: " + e, e);
    }
  }

  /** What {@link LinkClient} is for: the generated client stays reachable after its close. */
  @Test
  void theGeneratedClientIsKeptAfterItsClose() throws Exception {
    WeakReference<ReactorLinkServiceClient> closed = describeAndCloseGenerated();

    assertFalse(Await.holds(Duration.ofSeconds(3), () -> collected(closed)));
  }

  private static WeakReference<LinkClient> describeAndClose(int port) throws Exception {
    LinkClient client = new LinkClient("127.0.0.1", port, Optional.empty());
    describe(client);
    client.close();
    return new WeakReference<>(client);
  }

  /** The same with Pekko gRPC's generated client (grpc-java's defaults). */
  private static WeakReference<ReactorLinkServiceClient> describeAndCloseGenerated()
      throws Exception {
    ReactorLinkServiceClient client =
        ReactorLinkServiceClient.create(
            GrpcClientSettings.connectToServiceAt(
                    "127.0.0.1", binding.localAddress().getPort(), testKit.system())
                .withTls(false),
            testKit.system());
    ReactorDescription description =
        client
            .describe(DescribeRequest.getDefaultInstance())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertEquals("r1", description.getReactorId());
    client.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new WeakReference<>(client);
  }

  private static WeakReference<CertificateClient> renewAndClose() throws Exception {
    CertificateClient client =
        CertificateClient.create(
            GrpcClientSettings.connectToServiceAt(
                    "127.0.0.1", certificates.localAddress().getPort(), testKit.system())
                .withTls(false),
            testKit.system());
    RenewCertificateReply reply =
        client
            .renew(RenewCertificateRequest.getDefaultInstance())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertEquals("42", reply.getSerial());
    client.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new WeakReference<>(client);
  }

  private static boolean collected(WeakReference<?> reference) {
    System.gc();
    return reference.get() == null;
  }
}
