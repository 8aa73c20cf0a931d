package io.forelight.frms.bench;

import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.NodeKeys;
import io.forelight.frms.node.pki.Pem;
import io.forelight.frms.reactor.config.LinkSettings;
import io.forelight.frms.reactor.link.LinkTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Mutual TLS for a reactor of the light generator, as a board has it once enrolled: its own key
 * (made at its first start) and a certificate of the fleet's CA for its id. The host signs the
 * request itself with the stack's CA, playing the admin who approves the board.
 */
final class HostedTls {

  private HostedTls() {}

  /** The link TLS of reactor {@code id}, kept under {@code dataDir/tls}, certified by the CA. */
  static LinkTls enrolled(String id, Path caDir, Path dataDir) throws IOException {
    Path tlsDir = dataDir.resolve("tls");
    LinkTls tls =
        LinkTls.open(
            id,
            "",
            new LinkSettings.Tls(
                Optional.of(caDir.resolve(FleetCa.CERTIFICATE_FILE)),
                tlsDir,
                false,
                new LinkSettings.Enrol(List.of(), "", "")));
    if (!tls.refresh()) {
      FleetCa ca = FleetCa.load(caDir);
      Path request = tlsDir.resolve(NodeKeys.REQUEST_FILE);
      Pem.write(
          tlsDir.resolve(NodeKeys.CERTIFICATE_FILE),
          ca.sign(
              Pem.request(Files.readString(request, StandardCharsets.US_ASCII), request.toString()),
              new Identity(ca.fleetId(), Identity.Role.REACTOR, id),
              Duration.ofDays(7)));
      tls.refresh();
    }
    return tls;
  }
}
