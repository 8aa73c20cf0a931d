package io.forelight.frms.node.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A node's key pair, made on the node (the private key never leaves it), and the certificate
 * request it sends the fleet's CA: signed with that key, so the CA knows the requester holds it.
 * RSA keys throughout (Artery's TLS wants them).
 */
public final class CertificateRequests {

  static final String SIGNATURE = "SHA256withRSA";

  private CertificateRequests() {}

  public static KeyPair newKeyPair(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make RSA keys", e);
    }
  }

  /** A request for a certificate of {@code identity}, signed with the pair's private key. */
  public static PKCS10CertificationRequest create(KeyPair keys, Identity identity) {
    try {
      return new JcaPKCS10CertificationRequestBuilder(identity.subject(), keys.getPublic())
          .build(new JcaContentSignerBuilder(SIGNATURE).build(keys.getPrivate()));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a certificate request", e);
    }
  }

  /**
   * The request's public key, once its signature shows the sender holds the private key (proof of
   * possession); fails saying why not.
   */
  public static PublicKey verified(PKCS10CertificationRequest request) {
    try {
      if (!request.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(request.getSubjectPublicKeyInfo()))) {
        throw new Refused("the request is not signed by the key it carries");
      }
      return new JcaPKCS10CertificationRequest(request).getPublicKey();
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
      throw new Refused("the request cannot be checked: " + e.getMessage(), e);
    }
  }

  /**
   * The SHA-256 of the request's public key, as hex: what an admin compares with what the board
   * shows before approving it.
   */
  public static String fingerprint(PKCS10CertificationRequest request) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(request.getSubjectPublicKeyInfo().getEncoded()));
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new Refused("the request's public key cannot be read", e);
    }
  }
}
