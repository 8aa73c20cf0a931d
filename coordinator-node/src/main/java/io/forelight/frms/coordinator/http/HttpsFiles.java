package io.forelight.frms.coordinator.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.pekko.pki.pem.DERPrivateKeyLoader;
import org.apache.pekko.pki.pem.PEMDecoder;

/**
 * The API's TLS identity from PEM files: an unencrypted private key (PKCS#1 or PKCS#8) and its
 * certificate chain. A file that cannot be read or parsed is named in the error.
 */
public final class HttpsFiles {

  /** The key or certificate cannot be used. */
  public static final class Problem extends RuntimeException {
    Problem(String message) {
      super(message);
    }
  }

  private HttpsFiles() {}

  public static SSLContext sslContext(Path keyFile, Path certificateFile) {
    PrivateKey key;
    try {
      key = DERPrivateKeyLoader.load(PEMDecoder.decode(Files.readString(keyFile)));
    } catch (IOException | RuntimeException e) {
      throw new Problem("cannot read the HTTPS private key " + keyFile + ": " + e.getMessage());
    }
    Collection<? extends Certificate> chain;
    try {
      chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(
                      Files.readString(certificateFile).getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new Problem(
          "cannot read the HTTPS certificate " + certificateFile + ": " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new Problem("no certificate in " + certificateFile);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] none = new char[0];
      store.setKeyEntry("frms-api", key, none, chain.toArray(Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, none);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new Problem(
          "the HTTPS key "
              + keyFile
              + " and certificate "
              + certificateFile
              + " do not go together: "
              + e.getMessage());
    }
  }
}
