package io.forelight.frms.reactor.link;

import io.forelight.frms.link.v1.ReactorCertificateService;
import io.forelight.frms.link.v1.RenewCertificateReply;
import io.forelight.frms.link.v1.RenewCertificateRequest;
import io.forelight.frms.node.pki.Pem;
import io.forelight.frms.node.pki.Refused;
import io.grpc.Status;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.grpc.GrpcServiceException;

/**
 * Takes the link certificate a coordinator renewed (see {@link LinkTls#renew}); only coordinators
 * of this fleet reach it, through the link's mutual TLS. The file is written on {@code blocking}.
 */
public final class CertificateServiceImpl implements ReactorCertificateService {

  private final String reactorId;
  private final LinkTls tls;
  private final Executor blocking;

  public CertificateServiceImpl(String reactorId, LinkTls tls, Executor blocking) {
    this.reactorId = reactorId;
    this.tls = tls;
    this.blocking = blocking;
  }

  @Override
  public CompletionStage<RenewCertificateReply> renew(RenewCertificateRequest in) {
    if (!in.getReactorId().equals(reactorId)) {
      return CompletableFuture.failedFuture(
          new GrpcServiceException(
              Status.NOT_FOUND.withDescription(
                  "this is reactor " + reactorId + ", not " + in.getReactorId())));
    }
    if (tls.isPlaintext()) {
      return CompletableFuture.failedFuture(
          new GrpcServiceException(
              Status.FAILED_PRECONDITION.withDescription(
                  "reactor " + reactorId + " serves its link in plaintext: no certificate")));
    }
    return CompletableFuture.supplyAsync(() -> renew(in.getCertificatePem()), blocking);
  }

  private RenewCertificateReply renew(String pem) {
    try {
      X509Certificate taken = tls.renew(Pem.certificate(pem, "certificate_pem"));
      return RenewCertificateReply.newBuilder()
          .setSerial(taken.getSerialNumber().toString())
          .setNotAfterMillis(taken.getNotAfter().getTime())
          .build();
    } catch (Refused e) {
      throw new GrpcServiceException(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
    } catch (IOException e) {
      throw new GrpcServiceException(
          Status.INTERNAL.withDescription("cannot keep the renewed certificate: " + e));
    }
  }
}
