package io.forelight.frms.coordinator.access;

import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first user, made when there is none: {@code admin} with the password in {@code
 * admin-password-file} (FRMS_ADMIN_PASSWORD_FILE), or else a random one written to {@code
 * generated-password-file} (mode 0600) and printed once to the console. No password is built in.
 * Coordinators starting together make it once (a lightweight transaction): only the one that made
 * it prints or keeps a generated password.
 */
public final class FirstAdmin {

  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

  public static final String NAME = "admin";

  /** The first admin's password cannot be used. */
  public static final class Problem extends RuntimeException {
    Problem(String message) {
      super(message);
    }
  }

  private FirstAdmin() {}

  /** Completes with true if this node made the first admin, false if users existed already. */
  public static CompletionStage<Boolean> ensure(
      UserStore users, AuditTrail audit, AccessSettings settings, Executor hashing) {
    return users
        .anyExists()
        .thenComposeAsync(
            any -> {
              if (any) {
                return CompletableFuture.completedFuture(false);
              }
              boolean generated = settings.adminPasswordFile().isEmpty();
              String password =
                  generated ? Secrets.random(18) : read(Path.of(settings.adminPasswordFile()));
              Passwords.problem(password)
                  .ifPresent(
                      problem -> {
                        throw new Problem(
                            "the first admin's password in "
                                + settings.adminPasswordFile()
                                + " cannot be used: "
                                + problem);
                      });
              Instant now = Instant.now();
              User admin =
                  User.created(
                      NAME,
                      "Administrator",
                      Set.of(Role.ADMIN),
                      "",
                      Passwords.hash(password),
                      "system",
                      now);
              return users
                  .create(admin)
                  .thenCompose(
                      made -> {
                        if (!made) {
                          return CompletableFuture.completedFuture(false);
                        }
                        if (generated) {
                          announce(Path.of(settings.generatedPasswordFile()), password);
                        } else {
                          log.info(
                              "first user '{}' made with the password in {}",
                              NAME,
                              settings.adminPasswordFile());
                        }
                        return audit
                            .record(
                                new AuditEvent.Entry(
                                    "system",
                                    "user-created",
                                    "user:" + NAME,
                                    null,
                                    "roles [admin]",
                                    "first start: no user existed",
                                    "coordinator start"))
                            .thenApply(recorded -> true);
                      });
            },
            hashing);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new Problem(
          "cannot read the first admin's password file " + file + ": " + e.getMessage());
    }
  }

  /** Prints the password once, then keeps it in {@code file} (0600) for whoever runs the node. */
  private static void announce(Path file, String password) {
    Path absolute = file.toAbsolutePath();
    System.out.println(
        "FRMS: first user '"
            + NAME
            + "' made; its one-time password: "
            + password
            + " (also in "
            + absolute
            + "). Log in and change it: PUT /api/users/admin/password");
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
      Files.deleteIfExists(absolute);
      Files.createFile(
          absolute,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(absolute, password + "\n", StandardCharsets.UTF_8);
      log.warn(
          "first user '{}' made with a generated password, written to {} (not logged)",
          NAME,
          absolute);
    } catch (IOException e) {
      log.error(
          "first user '{}' made; its generated password was printed to the console but could not"
              + " be written to {}: {}",
          NAME,
          absolute,
          e.toString());
    }
  }
}
