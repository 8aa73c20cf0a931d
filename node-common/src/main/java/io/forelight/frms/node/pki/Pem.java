package io.forelight.frms.node.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Keys, certificates and certificate requests as PEM text and files. A private key is written with
 * permissions 0600 from the start (never readable by others, not even for a moment) and never over
 * an existing file.
 */
public final class Pem {

  private Pem() {}

  public static String of(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /** Writes a private key to a new file only its owner may read. */
  public static void writeSecret(Path file, PrivateKey key) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(file + " exists: a key is never overwritten");
    }
    Files.writeString(
        file, of(key), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Writes a certificate (public) to a new file. */
  public static void write(Path file, X509Certificate certificate) throws IOException {
    Files.writeString(
        file, of(certificate), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
  }

  public static X509Certificate certificate(Path file) {
    return certificate(read(file), file.toString());
  }

  public static X509Certificate certificate(String pem, String from) {
    Object parsed = parse(pem, from);
    if (!(parsed instanceof X509CertificateHolder holder)) {
      throw new Refused(from + " holds no certificate");
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new Refused(from + ": the certificate cannot be read: " + e.getMessage(), e);
    }
  }

  public static PrivateKey privateKey(Path file) {
    Object parsed = parse(read(file), file.toString());
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (parsed instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (parsed instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
    } catch (IOException e) {
      throw new Refused(file + ": the key cannot be read: " + e.getMessage(), e);
    }
    throw new Refused(file + " holds no private key (an unencrypted PEM key is expected)");
  }

  public static PKCS10CertificationRequest request(String pem, String from) {
    if (parse(pem, from) instanceof PKCS10CertificationRequest request) {
      return request;
    }
    throw new Refused(
        from + " is not a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new Refused("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Object parse(String pem, String from) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object parsed = parser.readObject();
      if (parsed == null) {
        throw new Refused(from + " holds no PEM object");
      }
      return parsed;
    } catch (IOException e) {
      throw new Refused(from + " is not valid PEM: " + e.getMessage(), e);
    }
  }
}
