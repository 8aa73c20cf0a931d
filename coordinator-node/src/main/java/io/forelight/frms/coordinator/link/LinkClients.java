package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.GrpcClientSettings;

/**
 * gRPC clients for reactor links: plaintext HTTP/2 with keep-alive pings so a blackholed connection
 * is noticed, and few connection attempts, since the link itself retries with backoff and makes a
 * fresh client for every attempt.
 */
final class LinkClients {

  private LinkClients() {}

  static ReactorLinkServiceClient create(ReactorEntry reactor, ActorSystem<?> system) {
    GrpcClientSettings settings =
        GrpcClientSettings.connectToServiceAt(reactor.host(), reactor.port(), system)
            .withTls(false)
            .withConnectionAttempts(2)
            .withChannelBuilderOverrides(
                builder ->
                    builder
                        .keepAliveTime(5, TimeUnit.SECONDS)
                        .keepAliveTimeout(5, TimeUnit.SECONDS)
                        .keepAliveWithoutCalls(true));
    return ReactorLinkServiceClient.create(settings, system);
  }
}
