package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.tls.FleetTls;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.GrpcClientSettings;

/**
 * gRPC clients for reactor links: HTTP/2 over mutual TLS (accepting only the reactor dialled; see
 * {@link FleetTls}), plaintext only where allowed for development, with keep-alive pings so a
 * blackholed connection is noticed, and few connection attempts, since the link itself retries with
 * backoff and makes a fresh client for every attempt.
 */
final class LinkClients {

  private LinkClients() {}

  static ReactorLinkServiceClient create(
      ReactorEntry reactor, ActorSystem<?> system, Consumer<X509Certificate> shown) {
    return ReactorLinkServiceClient.create(settings(reactor, system, shown), system);
  }

  /** How to dial {@code reactor}; {@code shown} is told each certificate it accepts. */
  static GrpcClientSettings settings(
      ReactorEntry reactor, ActorSystem<?> system, Consumer<X509Certificate> shown) {
    GrpcClientSettings address =
        GrpcClientSettings.connectToServiceAt(reactor.host(), reactor.port(), system);
    return FleetTls.get(system)
        .linkTo(reactor.id(), shown)
        .map(address::withSslContext)
        .orElseGet(() -> address.withTls(false))
        .withConnectionAttempts(2)
        .withChannelBuilderOverrides(
            builder ->
                builder
                    .keepAliveTime(5, TimeUnit.SECONDS)
                    .keepAliveTimeout(5, TimeUnit.SECONDS)
                    .keepAliveWithoutCalls(true));
  }
}
