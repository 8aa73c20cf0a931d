package io.forelight.frms.coordinator.tls;

import io.forelight.frms.node.pki.CertificateRequests;
import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.Pem;
import io.forelight.frms.node.pki.Refused;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The fleet CA's commands, run from the coordinator's jar:
 *
 * <ul>
 *   <li>{@code ca init [--dir conf/ca] [--fleet <id>] [--years 10]} creates the fleet's certificate
 *       authority ({@code ca.key}, 0600, and {@code ca.crt}) in a directory the coordinators share
 *       as a secret; the fleet id becomes part of it (random when none is given); an existing CA is
 *       never replaced.
 *   <li>{@code ca sign --reactor <id> --csr <file> [--dir conf/ca] [--out <file>] [--days 90]}
 *       signs a board's request (its {@code node.csr}) into the certificate of that reactor: how an
 *       admin provisions a board by hand.
 * </ul>
 */
public final class CaCommand {

  static final String USAGE =
      "usage: java -jar coordinator-node.jar ca init [--dir <directory, default conf/ca>]"
          + " [--fleet <fleet id>] [--years <validity, default 10>]\n"
          + "       java -jar coordinator-node.jar ca sign --reactor <reactor id> --csr <request"
          + " file> [--dir conf/ca] [--out <certificate file, default node.crt beside the"
          + " request>] [--days <validity, default 90>]";

  /** A mistake in the command line, said on err with exit code 2. */
  private static final class Mistake extends Exception {
    Mistake(String message) {
      super(message);
    }
  }

  private CaCommand() {}

  /** Runs the command; returns the process's exit code (0 done, 2 a mistake, said on err). */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() < 2 || args.size() % 2 != 0) {
      err.println(USAGE);
      return 2;
    }
    try {
      return switch (args.get(1)) {
        case "init" -> init(options(args, Set.of("--dir", "--fleet", "--years")), out);
        case "sign" ->
            sign(options(args, Set.of("--dir", "--reactor", "--csr", "--out", "--days")), out);
        default -> throw new Mistake(USAGE);
      };
    } catch (Mistake e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private static Map<String, String> options(List<String> args, Set<String> known) throws Mistake {
    Map<String, String> options = new HashMap<>();
    for (int i = 2; i < args.size(); i += 2) {
      if (!known.contains(args.get(i))) {
        throw new Mistake("unknown option '" + args.get(i) + "'; " + USAGE);
      }
      options.put(args.get(i), args.get(i + 1));
    }
    return options;
  }

  private static int init(Map<String, String> options, PrintStream out) throws Mistake {
    Path dir = Path.of(options.getOrDefault("--dir", "conf/ca"));
    String fleet =
        options.getOrDefault("--fleet", "fleet-" + UUID.randomUUID().toString().substring(0, 8));
    int years = number(options, "--years", 10, 1, 30);
    if (Files.exists(dir.resolve(FleetCa.KEY_FILE))
        || Files.exists(dir.resolve(FleetCa.CERTIFICATE_FILE))) {
      throw new Mistake(
          dir.toAbsolutePath()
              + " already holds a CA: it is never replaced (move it away first to make a new"
              + " fleet)");
    }
    FleetCa ca;
    try {
      ca = FleetCa.create(fleet, Duration.ofDays(365L * years));
    } catch (IllegalArgumentException e) {
      throw new Mistake("--fleet: " + e.getMessage());
    }
    try {
      ca.save(dir);
    } catch (IOException e) {
      throw new Mistake("cannot write the CA into " + dir.toAbsolutePath() + ": " + e.getMessage());
    }
    out.println(
        "created the CA of fleet "
            + ca.fleetId()
            + " in "
            + dir.toAbsolutePath()
            + ": "
            + FleetCa.CERTIFICATE_FILE
            + " (every node trusts it), "
            + FleetCa.KEY_FILE
            + " (secret, 0600: the coordinators only), valid until "
            + ca.certificate().getNotAfter().toInstant());
    return 0;
  }

  private static int sign(Map<String, String> options, PrintStream out) throws Mistake {
    String reactorId = options.get("--reactor");
    String csr = options.get("--csr");
    if (reactorId == null || csr == null) {
      throw new Mistake("ca sign needs --reactor and --csr; " + USAGE);
    }
    Path requestFile = Path.of(csr);
    Path outFile =
        Path.of(options.getOrDefault("--out", requestFile.resolveSibling("node.crt").toString()));
    int days = number(options, "--days", 90, 1, 825);
    try {
      FleetCa ca = FleetCa.load(Path.of(options.getOrDefault("--dir", "conf/ca")));
      PKCS10CertificationRequest request =
          Pem.request(
              Files.readString(requestFile, StandardCharsets.US_ASCII), requestFile.toString());
      Identity identity = new Identity(ca.fleetId(), Identity.Role.REACTOR, reactorId);
      X509Certificate certificate = ca.sign(request, identity, Duration.ofDays(days));
      Files.writeString(outFile, Pem.of(certificate), StandardCharsets.US_ASCII);
      out.println(
          "signed the certificate of "
              + identity
              + " for the key with fingerprint "
              + CertificateRequests.fingerprint(request)
              + " (compare it with the board's log), serial "
              + certificate.getSerialNumber()
              + ", valid until "
              + certificate.getNotAfter().toInstant()
              + ": "
              + outFile.toAbsolutePath()
              + " (copy it to the board's tls/node.crt; it is taken within seconds)");
      return 0;
    } catch (IllegalArgumentException e) {
      throw new Mistake("--reactor: " + e.getMessage());
    } catch (Refused e) {
      throw new Mistake(e.getMessage());
    } catch (IOException e) {
      throw new Mistake("cannot read " + requestFile + " or write " + outFile + ": " + e);
    }
  }

  private static int number(
      Map<String, String> options, String option, int byDefault, int min, int max) throws Mistake {
    String value = options.get(option);
    if (value == null) {
      return byDefault;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new Mistake(
        option + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
  }
}
