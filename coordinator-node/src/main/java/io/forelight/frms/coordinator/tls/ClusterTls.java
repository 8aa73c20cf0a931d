package io.forelight.frms.coordinator.tls;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.node.pki.CertificateRequests;
import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster between coordinators over Artery TLS: before the node starts, it makes its key and
 * signs its coordinator certificate with the fleet's CA, writes both to its TLS directory (key
 * 0600) and configures Artery's {@code tls-tcp} transport with Pekko's
 * RotatingKeysSSLEngineProvider on these files and the CA's certificate. Every coordinator
 * certificate carries the fleet's shared coordinator name, which that provider requires peers to
 * share: a node without a certificate of this fleet's CA for a coordinator cannot join. The reactor
 * links use the same key and certificate ({@link FleetTls}), and a renewed certificate is written
 * over the file, which the provider reads again within its cache time.
 */
public final class ClusterTls {

  static final String KEY_FILE = "coordinator.key";
  static final String CERTIFICATE_FILE = "coordinator.crt";
  private static final String ENGINE = "pekko.remote.artery.ssl.rotating-keys-engine";
  private static final String PROVIDER =
      "org.apache.pekko.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider";

  private ClusterTls() {}

  /**
   * {@code config} with Artery TLS set up when the fleet has a CA (else unchanged: a plaintext
   * development cluster). Writes this node's new key and certificate.
   */
  public static Config configure(Config config) {
    Optional<Map.Entry<FleetCa, Identity>> fleet = FleetTls.identity(config);
    if (fleet.isEmpty()) {
      return config;
    }
    FleetCa ca = fleet.get().getKey();
    Identity identity = fleet.get().getValue();
    String configured = config.getString("frms.coordinator.tls.dir").strip();
    Path dir =
        configured.isEmpty()
            ? Path.of(System.getProperty("java.io.tmpdir"), "frms-" + identity.id())
            : Path.of(configured);
    KeyPair keys = CertificateRequests.newKeyPair(2048);
    X509Certificate certificate =
        ca.sign(
            CertificateRequests.create(keys, identity),
            identity,
            FleetTls.Validity.of(config).coordinator());
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(KEY_FILE)); // a coordinator makes a new key at each start
      Pem.writeSecret(dir.resolve(KEY_FILE), keys.getPrivate());
      writeCertificate(dir.resolve(CERTIFICATE_FILE), certificate);
      if (configured.isEmpty()) {
        removedAtExit(dir);
      }
    } catch (IOException e) {
      throw new io.forelight.frms.node.pki.Refused(
          "cannot write this coordinator's key and certificate into "
              + dir
              + " (frms.coordinator.tls.dir): "
              + e.getMessage());
    }
    return ConfigFactory.parseMap(
            Map.of(
                "pekko.remote.artery.transport",
                "tls-tcp",
                "pekko.remote.artery.ssl.ssl-engine-provider",
                PROVIDER,
                ENGINE + ".key-file",
                dir.resolve(KEY_FILE).toAbsolutePath().toString(),
                ENGINE + ".cert-file",
                dir.resolve(CERTIFICATE_FILE).toAbsolutePath().toString(),
                ENGINE + ".ca-cert-file",
                Path.of(config.getString("frms.coordinator.tls.ca-dir").strip())
                    .resolve(FleetCa.CERTIFICATE_FILE)
                    .toAbsolutePath()
                    .toString()),
            "Artery TLS of the fleet's CA")
        .withFallback(config);
  }

  /**
   * A key in the temporary directory is not left there when the node ends (it makes a new one at
   * each start anyway): the files, then the directory, go at the JVM's orderly exit. A killed
   * node's stay until its next start overwrites them.
   */
  private static void removedAtExit(Path dir) {
    dir.toFile().deleteOnExit(); // deleted last: the JVM deletes in the reverse order
    dir.resolve(KEY_FILE).toFile().deleteOnExit();
    dir.resolve(CERTIFICATE_FILE).toFile().deleteOnExit();
  }

  /** The key and certificate files {@link #configure} wrote, if the cluster runs over TLS. */
  static Optional<Path[]> files(Config config) {
    if (!config.getString("pekko.remote.artery.transport").equals("tls-tcp")
        || !config.getString("pekko.remote.artery.ssl.ssl-engine-provider").equals(PROVIDER)) {
      return Optional.empty();
    }
    return Optional.of(
        new Path[] {
          Path.of(config.getString(ENGINE + ".key-file")),
          Path.of(config.getString(ENGINE + ".cert-file"))
        });
  }

  static PrivateKey key(Path file) {
    return Pem.privateKey(file);
  }

  /** Replaces the certificate file in one step (the provider may read it at any moment). */
  static void writeCertificate(Path file, X509Certificate certificate) {
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".new");
      Files.writeString(temporary, Pem.of(certificate), StandardCharsets.US_ASCII);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
