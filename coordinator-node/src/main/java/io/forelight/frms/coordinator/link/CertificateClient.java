package io.forelight.frms.coordinator.link;

import io.forelight.frms.link.v1.ReactorCertificateServiceClient;
import io.forelight.frms.link.v1.RenewCertificateReply;
import io.forelight.frms.link.v1.RenewCertificateRequest;
import io.grpc.MethodDescriptor;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.grpc.javadsl.SingleResponseRequestBuilder;

/**
 * A client of a reactor's certificate service (one per renewal) that leaves nothing behind once
 * closed; see {@link OwnedChannel} for why not the generated one.
 */
final class CertificateClient extends ReactorCertificateServiceClient {

  private static final MethodDescriptor<RenewCertificateRequest, RenewCertificateReply> RENEW =
      OwnedChannel.method(
          MethodDescriptor.MethodType.UNARY,
          "frms.link.v1.ReactorCertificateService",
          "Renew",
          RenewCertificateRequest.getDefaultInstance(),
          RenewCertificateReply.getDefaultInstance());

  private final OwnedChannel channel;

  private CertificateClient(GrpcClientSettings settings, ActorSystem<?> system) {
    this.channel = new OwnedChannel(settings, system);
  }

  static CertificateClient create(GrpcClientSettings settings, ActorSystem<?> system) {
    return new CertificateClient(settings, system);
  }

  @Override
  public CompletionStage<RenewCertificateReply> renew(RenewCertificateRequest request) {
    return renew().invoke(request);
  }

  @Override
  public SingleResponseRequestBuilder<RenewCertificateRequest, RenewCertificateReply> renew() {
    return channel.unary(RENEW);
  }

  @Override
  public CompletionStage<Done> close() {
    return channel.close();
  }

  @Override
  public CompletionStage<Done> closed() {
    return channel.closed();
  }
}
