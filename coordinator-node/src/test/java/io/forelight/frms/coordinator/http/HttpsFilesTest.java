package io.forelight.frms.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's HTTPS from PEM files, served the way the guardian serves it and called by a client. */
class HttpsFilesTest {

  @Test
  void servesHttpsWithTheKeyAndCertificateOfItsFiles(@TempDir Path dir) throws Exception {
    TestCertificates.Pem pem = TestCertificates.selfSigned(dir);
    Path key = pem.key();
    Path cert = pem.cert();

    ActorTestKit testKit = ActorTestKit.create("https");
    try {
      ServerBinding binding =
          Http.get(testKit.system())
              .newServerAt("127.0.0.1", 0)
              .enableHttps(ConnectionContext.httpsServer(HttpsFiles.sslContext(key, cert)))
              .bind(new AllDirectives() {}.complete("served over TLS"))
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + binding.localAddress().getPort() + "/"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("served over TLS", response.body());
      assertTrue(response.sslSession().isPresent());
    } finally {
      testKit.shutdownTestKit();
    }
  }

  @Test
  void aCertificateFileWithoutACertificateIsNamed(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.pem");
    Process openssl =
        new ProcessBuilder("openssl", "genrsa", "-out", key.toString(), "2048")
            .redirectErrorStream(true)
            .start();
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS));
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "");
    HttpsFiles.Problem problem =
        assertThrows(HttpsFiles.Problem.class, () -> HttpsFiles.sslContext(key, empty));
    assertEquals("no certificate in " + empty, problem.getMessage());
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trusted.setCertificateEntry(
          "api", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
