package io.forelight.frms.reactor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the reactor serves its gRPC link, the bounds of the batches it streams, the fleet it
 * belongs to (empty: the first coordinator's, see the link's FleetBinding) and its TLS.
 */
public record LinkSettings(
    String interfaceAddress,
    int port,
    int maxBatchSize,
    Duration maxLinger,
    String fleetId,
    Tls tls) {

  /**
   * Mutual TLS: the fleet CA's certificate (empty: plaintext, only if {@code allowPlaintext}) and
   * the directory of the node's key, request and certificate.
   */
  public record Tls(Optional<Path> caFile, Path dir, boolean allowPlaintext, Enrol enrol) {}

  /**
   * Where the board enrols (coordinators' API base URIs, and/or those found by DNS-SD on the LAN
   * when {@code discover}, on the interface of {@code discoverInterface}, empty: this host's
   * address; neither: no enrolment), with which one-time token (empty: none) and the link address
   * it reports (empty: found).
   */
  public record Enrol(
      List<URI> coordinators,
      String token,
      String advertiseAddress,
      boolean discover,
      String discoverInterface) {

    /** Enrolment at configured coordinators only. */
    public Enrol(List<URI> coordinators, String token, String advertiseAddress) {
      this(coordinators, token, advertiseAddress, false, "");
    }
  }
}
