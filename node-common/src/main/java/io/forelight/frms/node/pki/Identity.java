package io.forelight.frms.node.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who a certificate speaks for: a node of a fleet, in a role, with its id (a reactor's id, a
 * coordinator's name; the fleet's own id for its CA). Carried in the certificate as the URI {@code
 * urn:frms:<fleet>:<role>:<id>} in the subject alternative name, which is what is checked; the
 * subject ({@code O=FRMS fleet <fleet>, OU=<role>, CN=<id>}) is for people reading it.
 */
public record Identity(String fleetId, Role role, String id) {

  /** What a certificate lets its holder be. */
  public enum Role {
    CA,
    COORDINATOR,
    REACTOR;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /** Fleet and node ids: they name files, rows and actors, so no room for tricks. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

  private static final Pattern URI =
      Pattern.compile("urn:frms:(" + ID + "):(ca|coordinator|reactor):(" + ID + ")");

  /** The SAN's URI type (RFC 5280 GeneralName uniformResourceIdentifier). */
  private static final int URI_NAME = 6;

  public Identity {
    for (String part : List.of(fleetId, id)) {
      if (part == null || !ID.matcher(part).matches()) {
        throw new IllegalArgumentException(
            "a fleet or node id is 1-63 letters, digits, '-' or '_', starting with a letter or"
                + " digit, got '"
                + part
                + "'");
      }
    }
  }

  public String uri() {
    return "urn:frms:" + fleetId + ":" + role.id() + ":" + id;
  }

  X500Name subject() {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "FRMS fleet " + fleetId)
        .addRDN(BCStyle.OU, role.id())
        .addRDN(BCStyle.CN, id)
        .build();
  }

  /** The identity a certificate carries; fails naming why it has none. */
  public static Identity of(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new Refused("its subject alternative names cannot be read: " + e.getMessage());
    }
    if (names != null) {
      for (List<?> name : names) {
        if (name.size() == 2 && Integer.valueOf(URI_NAME).equals(name.get(0))) {
          Matcher m = URI.matcher(String.valueOf(name.get(1)));
          if (m.matches()) {
            return new Identity(m.group(1), Role.parse(m.group(2)), m.group(3));
          }
        }
      }
    }
    throw new Refused(
        "it names no FRMS identity (a subject alternative name urn:frms:<fleet>:<role>:<id>): "
            + certificate.getSubjectX500Principal());
  }

  @Override
  public String toString() {
    return role.id() + " " + id + " of fleet " + fleetId;
  }
}
