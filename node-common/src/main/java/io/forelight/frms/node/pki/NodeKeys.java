package io.forelight.frms.node.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A node's TLS files in one directory: {@code node.key} (made on the node at its first start, 0600,
 * never replaced), {@code node.csr} (the request the fleet's CA signs) and {@code node.crt} (the
 * certificate, once issued). A certificate is only taken if it is for this key, this identity and
 * from the fleet's CA.
 */
public final class NodeKeys {

  public static final String KEY_FILE = "node.key";
  public static final String REQUEST_FILE = "node.csr";
  public static final String CERTIFICATE_FILE = "node.crt";
  static final int KEY_BITS = 2048;

  private final Path dir;
  private final PrivateKey key;
  private final PKCS10CertificationRequest request;

  private NodeKeys(Path dir, PrivateKey key, PKCS10CertificationRequest request) {
    this.dir = dir;
    this.key = key;
    this.request = request;
  }

  /**
   * The node's key and request in {@code dir}, made now (key 0600 first) when there is no key yet;
   * the request names {@code identity}.
   */
  public static NodeKeys open(Path dir, Identity identity) throws IOException {
    Path keyFile = dir.resolve(KEY_FILE);
    Path requestFile = dir.resolve(REQUEST_FILE);
    if (!Files.exists(keyFile)) {
      Files.createDirectories(dir);
      KeyPair pair = CertificateRequests.newKeyPair(KEY_BITS);
      Pem.writeSecret(keyFile, pair.getPrivate());
      writeReplacing(requestFile, Pem.of(CertificateRequests.create(pair, identity)));
    }
    PrivateKey key = Pem.privateKey(keyFile);
    PKCS10CertificationRequest request =
        Pem.request(
            Files.readString(requestFile, StandardCharsets.US_ASCII), requestFile.toString());
    return new NodeKeys(dir, key, request);
  }

  public Path dir() {
    return dir;
  }

  public PrivateKey key() {
    return key;
  }

  public PKCS10CertificationRequest request() {
    return request;
  }

  public String fingerprint() {
    return CertificateRequests.fingerprint(request);
  }

  /**
   * The certificate in {@code node.crt} if there is one usable now for {@code identity}: issued by
   * {@code ca} for this node's key and identity, within its validity; empty if there is no file
   * yet; fails naming why the one there cannot be used.
   */
  public Optional<X509Certificate> certificate(X509Certificate ca, Identity identity, Instant now) {
    Path file = dir.resolve(CERTIFICATE_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(checked(Pem.certificate(file), file.toString(), ca, identity, now));
  }

  /**
   * {@code certificate} (from {@code source}, for messages) if it is usable now for {@code
   * identity}: issued by {@code ca} for this node's key and identity, within its validity; fails
   * naming why not.
   */
  public X509Certificate checked(
      X509Certificate certificate,
      String source,
      X509Certificate ca,
      Identity identity,
      Instant now) {
    try {
      FleetCa.verify(ca, certificate, now);
    } catch (Refused e) {
      throw new Refused(source + ": " + e.getMessage(), e);
    }
    if (!Identity.of(certificate).equals(identity)) {
      throw new Refused(source + " is for " + Identity.of(certificate) + ", not for " + identity);
    }
    try {
      if (!certificate
          .getPublicKey()
          .equals(
              new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(request)
                  .getPublicKey())) {
        throw new Refused(source + " is not for this node's key " + dir.resolve(KEY_FILE));
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new Refused(dir.resolve(REQUEST_FILE) + ": " + e.getMessage(), e);
    }
    return certificate;
  }

  /** Stores a certificate issued to this node (replacing an older one). */
  public void store(X509Certificate certificate) throws IOException {
    writeReplacing(dir.resolve(CERTIFICATE_FILE), Pem.of(certificate));
  }

  private static void writeReplacing(Path file, String text) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.US_ASCII);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
