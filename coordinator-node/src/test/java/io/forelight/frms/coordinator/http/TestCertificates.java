package io.forelight.frms.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A self-signed key and certificate for 127.0.0.1 as PEM files, made by openssl for tests. */
public final class TestCertificates {

  /** The key and certificate files. */
  public record Pem(Path key, Path cert) {}

  private TestCertificates() {}

  public static Pem selfSigned(Path dir) throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1")
            .redirectErrorStream(true)
            .start();
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS), "openssl made a key");
    assertEquals(0, openssl.exitValue(), new String(openssl.getInputStream().readAllBytes()));
    return new Pem(key, cert);
  }
}
