package io.forelight.frms.coordinator.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.Optional;

/**
 * Argon2id password hashes (password4j), at OWASP's minimum cost or above: 19 MiB of memory, 2
 * iterations, parallelism 1, 16-byte salt, 32-byte hash. A hash takes tens of milliseconds of CPU:
 * call it off the dispatcher threads. Passwords are never logged or stored in clear.
 */
public final class Passwords {

  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 1024;

  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);

  /** A hash of a password nobody has, checked when a name is unknown so timing tells nothing. */
  private static final String DECOY = hash("decoy password " + Secrets.random(16));

  private Passwords() {}

  /** Why {@code password} may not be used, or empty if it may. */
  public static Optional<String> problem(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return Optional.of("a password needs at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      return Optional.of("a password has at most " + MAX_LENGTH + " characters");
    }
    if (password.isBlank()) {
      return Optional.of("a password cannot be only spaces");
    }
    return Optional.empty();
  }

  /** The Argon2id hash of {@code password} with a fresh salt, in PHC string form. */
  public static String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
  }

  /** True if {@code password} matches {@code hash}; with no hash, checks a decoy and says no. */
  public static boolean matches(String password, String hash) {
    if (password == null) {
      return false;
    }
    if (hash == null) {
      Password.check(password, DECOY).with(ARGON2ID);
      return false;
    }
    return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
  }
}
