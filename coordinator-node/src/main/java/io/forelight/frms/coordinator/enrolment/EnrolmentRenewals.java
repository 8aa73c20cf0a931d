package io.forelight.frms.coordinator.enrolment;

import io.forelight.frms.coordinator.tls.FleetTls;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.Pem;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which reactor link certificates may be renewed ({@link FleetTls.RenewalCheck}): a board enrolled
 * with that key and still approved (the renewal is recorded with it, so removing the board revokes
 * it too), or a board with no enrolment (named in the fleet file, certified by hand with {@code ca
 * sign}).
 */
public final class EnrolmentRenewals implements FleetTls.RenewalCheck {

  private final EnrolmentStore store;

  public EnrolmentRenewals(EnrolmentStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Boolean> renewed(X509Certificate shown, X509Certificate renewed) {
    String reactorId = Identity.of(shown).id();
    return store
        .find(reactorId)
        .thenCompose(
            found -> {
              if (found.isEmpty()) {
                return CompletableFuture.completedFuture(true);
              }
              Enrolment e = found.get();
              boolean sameBoard =
                  e.state() == Enrolment.State.APPROVED
                      && e.certificate() != null
                      && Pem.certificate(e.certificate(), "the stored certificate")
                          .getPublicKey()
                          .equals(shown.getPublicKey());
              return sameBoard
                  ? store.renewed(reactorId, Pem.of(renewed))
                  : CompletableFuture.completedFuture(false);
            });
  }
}
