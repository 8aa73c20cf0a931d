package io.forelight.frms.node.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The fleet's certificate authority: a key and a self-signed certificate naming the fleet, kept as
 * {@code ca.key} (0600) and {@code ca.crt} in a directory the coordinators share as a secret. It
 * signs the nodes' certificates, each bound to one identity (fleet, role, id) whatever the request
 * asked for, valid for client and server use.
 */
public final class FleetCa {

  public static final String KEY_FILE = "ca.key";
  public static final String CERTIFICATE_FILE = "ca.crt";
  private static final int CA_KEY_BITS = 3072;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final String fleetId;

  private FleetCa(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
    Identity identity = Identity.of(certificate);
    if (identity.role() != Identity.Role.CA) {
      throw new Refused("the CA certificate names a " + identity.role().id() + ", not a CA");
    }
    this.fleetId = identity.fleetId();
  }

  /** A new CA for the fleet {@code fleetId}, valid for {@code validity}. */
  public static FleetCa create(String fleetId, Duration validity) {
    if (fleetId.endsWith("-") || fleetId.endsWith("_")) {
      throw new Refused(
          "fleet id "
              + fleetId
              + " ends with '-' or '_': it is part of the coordinators' shared DNS name ("
              + "coordinators.<fleet>.frms), which must end a label with a letter or digit");
    }
    KeyPair keys = CertificateRequests.newKeyPair(CA_KEY_BITS);
    Identity identity = new Identity(fleetId, Identity.Role.CA, fleetId);
    try {
      X509v3CertificateBuilder builder =
          builder(
                  identity,
                  identity.subject(),
                  keys.getPublic(),
                  validFrom(validity),
                  validFrom(validity).plus(validity))
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new FleetCa(signed(builder, keys.getPrivate()), keys.getPrivate());
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
  }

  /** Writes {@code ca.key} (0600) and {@code ca.crt} into {@code dir}; never over existing ones. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Pem.writeSecret(dir.resolve(KEY_FILE), key);
    Pem.write(dir.resolve(CERTIFICATE_FILE), certificate);
  }

  /** The CA kept in {@code dir}; fails naming what is missing or wrong. */
  public static FleetCa load(Path dir) {
    FleetCa ca =
        new FleetCa(
            Pem.certificate(dir.resolve(CERTIFICATE_FILE)), Pem.privateKey(dir.resolve(KEY_FILE)));
    if (!ca.certificate.getPublicKey().equals(publicKeyOf(ca))) {
      throw new Refused(dir + ": " + KEY_FILE + " is not the key of " + CERTIFICATE_FILE);
    }
    return ca;
  }

  public String fleetId() {
    return fleetId;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * A certificate for {@code identity} (of this fleet) with the request's public key, once the
   * request's signature shows its sender holds the private key. The subject is the identity's, not
   * what the request asked for.
   */
  public X509Certificate sign(
      PKCS10CertificationRequest request, Identity identity, Duration validity) {
    Instant from = validFrom(validity);
    return sign(request, identity, from, from.plus(validity));
  }

  /**
   * {@code current} signed again, valid {@code validity} from now: the same identity and public
   * key, a new serial. Only for a certificate this CA issued whose holder has just shown it holds
   * the key (a TLS handshake with it), which is what a request's signature would show.
   */
  public X509Certificate reissue(X509Certificate current, Duration validity) {
    try {
      current.verify(certificate.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new Refused("not issued by the CA of fleet " + fleetId + ": " + e.getMessage(), e);
    }
    Instant from = validFrom(validity);
    return issue(current.getPublicKey(), Identity.of(current), from, from.plus(validity));
  }

  /** {@link #sign} for a given validity period (a back-dated one in tests, for example). */
  public X509Certificate sign(
      PKCS10CertificationRequest request, Identity identity, Instant notBefore, Instant notAfter) {
    return issue(CertificateRequests.verified(request), identity, notBefore, notAfter);
  }

  private X509Certificate issue(
      PublicKey requested, Identity identity, Instant notBefore, Instant notAfter) {
    if (!identity.fleetId().equals(fleetId)) {
      throw new Refused("this CA signs for fleet " + fleetId + ", not for " + identity);
    }
    if (identity.role() == Identity.Role.CA) {
      throw new Refused("this CA makes no other CA");
    }
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          builder(
                  identity,
                  org.bouncycastle.asn1.x500.X500Name.getInstance(
                      certificate.getSubjectX500Principal().getEncoded()),
                  requested,
                  notBefore,
                  notAfter)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                      }))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(certificate));
      return signed(builder, key);
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the certificate of " + identity, e);
    }
  }

  /** Whether this CA issued {@code other} and it is valid at {@code now}; fails saying why not. */
  public void verify(X509Certificate other, Instant now) {
    verify(certificate, other, now);
  }

  /**
   * Whether the CA certificate {@code ca} (all a node other than a coordinator holds) issued {@code
   * other} and it is valid at {@code now}; fails saying why not.
   */
  public static void verify(X509Certificate ca, X509Certificate other, Instant now) {
    try {
      other.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new Refused(
          "not issued by the CA of fleet " + Identity.of(ca).fleetId() + ": " + e.getMessage(), e);
    }
    try {
      other.checkValidity(Date.from(now));
    } catch (GeneralSecurityException e) {
      throw new Refused(
          "outside its validity ("
              + other.getNotBefore().toInstant()
              + " to "
              + other.getNotAfter().toInstant()
              + ")",
          e);
    }
  }

  /**
   * Now, a little back: the clocks of a fleet are a little apart. Five minutes, or a tenth of a
   * short validity (minutes long, in tests).
   */
  private static Instant validFrom(Duration validity) {
    Duration back = Duration.ofMinutes(5);
    Duration tenth = validity.dividedBy(10);
    return Instant.now().minus(back.compareTo(tenth) < 0 ? back : tenth);
  }

  private static X509v3CertificateBuilder builder(
      Identity identity,
      org.bouncycastle.asn1.x500.X500Name issuer,
      PublicKey subjectKey,
      Instant notBefore,
      Instant notAfter)
      throws CertIOException {
    return new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(127, RANDOM).add(BigInteger.ONE),
            Date.from(notBefore),
            Date.from(notAfter),
            identity.subject(),
            subjectKey)
        .addExtension(
            Extension.subjectAlternativeName,
            false,
            identity.role() == Identity.Role.COORDINATOR
                ? new GeneralNames(
                    new GeneralName[] {
                      new GeneralName(GeneralName.uniformResourceIdentifier, identity.uri()),
                      new GeneralName(GeneralName.dNSName, coordinatorsName(identity.fleetId()))
                    })
                : new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, identity.uri())));
  }

  /**
   * The name every coordinator certificate of a fleet shares (a DNS-style subject alternative
   * name): Artery's TLS provider lets in only peers sharing a subject name with the node itself.
   */
  public static String coordinatorsName(String fleetId) {
    return "coordinators." + fleetId.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".frms";
  }

  private static X509Certificate signed(X509v3CertificateBuilder builder, PrivateKey key) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(CertificateRequests.SIGNATURE).build(key)));
    } catch (OperatorCreationException | java.security.cert.CertificateException e) {
      throw new IllegalStateException("cannot sign a certificate", e);
    }
  }

  private static PublicKey publicKeyOf(FleetCa ca) {
    try {
      java.security.interfaces.RSAPrivateCrtKey crt =
          (java.security.interfaces.RSAPrivateCrtKey) ca.key;
      return java.security.KeyFactory.getInstance("RSA")
          .generatePublic(
              new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    } catch (ClassCastException | GeneralSecurityException e) {
      throw new Refused("the CA key is not an RSA key", e);
    }
  }
}
