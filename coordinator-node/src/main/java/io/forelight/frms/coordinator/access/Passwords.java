package io.forelight.frms.coordinator.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes, at OWASP's minimum cost or above: 19 MiB of memory, 2 iterations,
 * parallelism 1, 16-byte salt, 32-byte hash, in PHC string form ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, base64 without padding). A hash takes tens of
 * milliseconds of CPU: call it off the dispatcher threads. Its 19 MiB are taken for the one hash
 * and let go after it (BouncyCastle's Argon2; the library used before kept a copy of them for
 * good). Passwords are never logged or stored in clear.
 */
public final class Passwords {

  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 1024;

  private static final int MEMORY_KIB = 19_456;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder UNBASE64 = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

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
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = argon2id(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + BASE64.encodeToString(salt)
        + "$"
        + BASE64.encodeToString(hash);
  }

  /**
   * True if {@code password} matches {@code hash} (at the cost the hash names); with no hash, or
   * one that is not an Argon2id PHC string, checks a decoy and says no.
   */
  public static boolean matches(String password, String hash) {
    if (password == null) {
      return false;
    }
    Matcher phc = PHC.matcher(hash == null ? "" : hash);
    if (!phc.matches()) {
      matches(password, DECOY);
      return false;
    }
    byte[] expected = UNBASE64.decode(phc.group(5));
    byte[] actual =
        argon2id(
            password,
            UNBASE64.decode(phc.group(4)),
            Integer.parseInt(phc.group(1)),
            Integer.parseInt(phc.group(2)),
            Integer.parseInt(phc.group(3)),
            expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] argon2id(
      String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build());
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
