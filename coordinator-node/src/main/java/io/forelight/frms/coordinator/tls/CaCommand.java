package io.forelight.frms.coordinator.tls;

import io.forelight.frms.node.pki.FleetCa;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * {@code java -jar coordinator-node.jar ca init [--dir conf/ca] [--fleet <id>] [--years 10]}:
 * creates the fleet's certificate authority ({@code ca.key}, 0600, and {@code ca.crt}) in a
 * directory the coordinators share as a secret. The fleet id becomes part of the CA (a random one
 * when none is given); an existing CA is never replaced.
 */
public final class CaCommand {

  static final String USAGE =
      "usage: java -jar coordinator-node.jar ca init [--dir <directory, default conf/ca>]"
          + " [--fleet <fleet id>] [--years <validity, default 10>]";

  private CaCommand() {}

  /** Runs the command; returns the process's exit code (0 done, 2 a mistake, said on err). */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() < 2 || !args.get(1).equals("init") || args.size() % 2 != 0) {
      err.println(USAGE);
      return 2;
    }
    Path dir = Path.of("conf", "ca");
    String fleet = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
    int years = 10;
    for (int i = 2; i < args.size(); i += 2) {
      String value = args.get(i + 1);
      switch (args.get(i)) {
        case "--dir" -> dir = Path.of(value);
        case "--fleet" -> fleet = value;
        case "--years" -> {
          try {
            years = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            years = 0;
          }
          if (years < 1 || years > 30) {
            err.println(
                "--years must be a whole number of years from 1 to 30, got '" + value + "'");
            return 2;
          }
        }
        default -> {
          err.println("unknown option '" + args.get(i) + "'; " + USAGE);
          return 2;
        }
      }
    }
    if (Files.exists(dir.resolve(FleetCa.KEY_FILE))
        || Files.exists(dir.resolve(FleetCa.CERTIFICATE_FILE))) {
      err.println(
          dir.toAbsolutePath()
              + " already holds a CA: it is never replaced (move it away first to make a new"
              + " fleet)");
      return 2;
    }
    FleetCa ca;
    try {
      ca = FleetCa.create(fleet, Duration.ofDays(365L * years));
    } catch (IllegalArgumentException e) {
      err.println("--fleet: " + e.getMessage());
      return 2;
    }
    try {
      ca.save(dir);
    } catch (IOException e) {
      err.println("cannot write the CA into " + dir.toAbsolutePath() + ": " + e.getMessage());
      return 2;
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
}
