package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.tls.FleetTls;
import io.grpc.Codec;
import io.grpc.DecompressorRegistry;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.GrpcClientSettings;

/**
 * gRPC clients for reactor links: HTTP/2 over mutual TLS (accepting only the reactor dialled; see
 * {@link FleetTls}), plaintext only where allowed for development, with keep-alive pings so a
 * blackholed connection is noticed, and few connection attempts, since the link itself retries with
 * backoff and makes a fresh client for every attempt, a small flow-control window and uncompressed
 * messages. Nor does grpc-java retry a call by itself (its transparent retry wraps every call in a
 * retriable stream, kept per open call, and registers it with the channel): a link's failed call
 * ends the attempt, and the link starts over. A channel's callbacks run on its netty event loop
 * ({@code directExecutor}): they only hand messages to streams and futures, never block, and a
 * message parsed where it was read frees its buffer there (parsed on grpc-java's default executor,
 * each freed buffer went back to the event loop's pool through a shared queue: a tenth of a
 * 1,000-reactor coordinator's CPU samples).
 */
final class LinkClients {

  /**
   * HTTP/2 flow-control window per link (grpc-java's default is 1 MiB): what a reactor may send
   * ahead of what the link has taken. While a link waits its turn to store, this much waits in the
   * coordinator's memory and the rest on the reactor; 64 KiB is several hundred readings, ample on
   * a LAN and a sixteenth of the default per reactor.
   */
  private static final int FLOW_CONTROL_WINDOW = 64 * 1024;

  /**
   * Responses gzipped only if a reactor sends them so unasked: grpc-java asks for gzip by default
   * and Pekko gRPC servers then compress every message, which costs both ends CPU (a reactor
   * board's most of all) and saves little on readings (numbers and ids) over a LAN.
   */
  private static final DecompressorRegistry UNCOMPRESSED =
      DecompressorRegistry.emptyInstance()
          .with(Codec.Identity.NONE, false)
          .with(new Codec.Gzip(), false);

  private LinkClients() {}

  static LinkClient create(
      ReactorEntry reactor, ActorSystem<?> system, Consumer<X509Certificate> shown) {
    return new LinkClient(
        reactor.host(), reactor.port(), FleetTls.get(system).linkTo(reactor.id(), shown));
  }

  /** How to dial {@code reactor}; {@code shown} is told each certificate it accepts. */
  static GrpcClientSettings settings(
      ReactorEntry reactor, ActorSystem<?> system, Consumer<X509Certificate> shown) {
    GrpcClientSettings address =
        GrpcClientSettings.connectToServiceAt(reactor.host(), reactor.port(), system);
    Optional<SSLContext> tls = FleetTls.get(system).linkTo(reactor.id(), shown);
    return tls.map(address::withSslContext)
        .orElseGet(() -> address.withTls(false))
        .withConnectionAttempts(2)
        .withChannelBuilderOverrides(builder -> tuned(builder, tls));
  }

  /**
   * What every link's channel sets beyond Pekko gRPC's defaults; it connects over {@code tls} (the
   * context Pekko gRPC was given too) through {@link EmptyHeaderTables}.
   */
  static NettyChannelBuilder tuned(NettyChannelBuilder builder, Optional<SSLContext> tls) {
    InternalNettyChannelBuilder.setProtocolNegotiatorFactory(builder, EmptyHeaderTables.over(tls));
    return builder
        .flowControlWindow(FLOW_CONTROL_WINDOW)
        .decompressorRegistry(UNCOMPRESSED)
        .directExecutor()
        .keepAliveTime(5, TimeUnit.SECONDS)
        .keepAliveTimeout(5, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true)
        .disableRetry();
  }
}
