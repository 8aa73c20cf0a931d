package io.forelight.frms.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.coordinator.http.TestCertificates;
import io.forelight.frms.node.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's address and HTTPS: plain HTTP only on loopback unless explicitly allowed. */
class HttpSettingsTest {

  private static Config config(String lines) {
    return NodeConfig.load(ConfigFactory.parseString(lines), "coordinator-node.conf");
  }

  private static CoordinatorSettings.Problem refused(String lines) {
    return assertThrows(
        CoordinatorSettings.Problem.class, () -> CoordinatorSettings.fromConfig(config(lines)));
  }

  @Test
  void plainHttpServesLoopbackByDefault() {
    CoordinatorSettings settings = CoordinatorSettings.fromConfig(config(""));
    assertEquals("127.0.0.1", settings.httpInterface());
    assertTrue(settings.https().isEmpty());
    assertFalse(settings.plainHttpOffLoopback());
  }

  @Test
  void plainHttpOnEveryAddressIsRefusedUnlessAllowed() {
    assertTrue(
        refused("frms.coordinator.http.interface = \"0.0.0.0\"")
            .getMessage()
            .startsWith("frms.coordinator.http.interface is 0.0.0.0, not loopback"));
    CoordinatorSettings allowed =
        CoordinatorSettings.fromConfig(
            config("frms.coordinator.http { interface = \"0.0.0.0\", allow-plain-http = on }"));
    assertTrue(allowed.plainHttpOffLoopback(), "warned about at start");
  }

  @Test
  void aKeyWithoutCertificateOrAnUnreadableKeyIsNamed(@TempDir Path dir) throws Exception {
    assertEquals(
        "frms.coordinator.http.tls: set both key-file and cert-file (or neither), got key-file"
            + " 'k.pem' and cert-file ''",
        refused("frms.coordinator.http.tls.key-file = k.pem").getMessage());
    Path junk = dir.resolve("junk.pem");
    Files.writeString(junk, "not a key");
    String message =
        refused(
                "frms.coordinator.http.tls { key-file = \""
                    + junk
                    + "\", cert-file = \""
                    + junk
                    + "\" }")
            .getMessage();
    assertTrue(
        message.startsWith("frms.coordinator.http.tls: cannot read the HTTPS private key " + junk),
        message);
  }

  @Test
  void aKeyAndCertificateServeHttpsOnEveryAddress(@TempDir Path dir) throws Exception {
    TestCertificates.Pem pem = TestCertificates.selfSigned(dir);
    Path key = pem.key();
    Path cert = pem.cert();
    CoordinatorSettings settings =
        CoordinatorSettings.fromConfig(
            config(
                "frms.coordinator.http { interface = \"0.0.0.0\", tls { key-file = \""
                    + key
                    + "\", cert-file = \""
                    + cert
                    + "\" } }"));
    assertTrue(settings.https().isPresent());
    assertFalse(settings.plainHttpOffLoopback());
    assertEquals("TLS", settings.https().get().getProtocol());
  }
}
