package io.forelight.frms.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The first admin of coordinators this process starts: a password made at random for this process
 * (nothing is built in), handed to each coordinator in a 0600 file (FRMS_ADMIN_PASSWORD_FILE's
 * setting) and used by {@link CoordinatorApi} to log in.
 */
public final class DevAdmin {

  public static final String NAME = "admin";

  public static final String PASSWORD = makePassword();

  private DevAdmin() {}

  /** Writes the password to {@code file} (mode 0600) if it is not there; returns the file. */
  public static Path passwordFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, PASSWORD + "\n");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String makePassword() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return "dev-" + HexFormat.of().formatHex(bytes);
  }
}
