package io.forelight.frms.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every idempotency key ever answered, with whether it was applied, in little memory: a sorted
 * array of 64-bit fingerprints (the first 8 bytes of the key's SHA-256) and one bit per key. Nine
 * bytes a key: a reactor commanded a hundred times a day for ten years holds 3.3 MB. Two different
 * keys share a fingerprint with a chance of about n²/2⁶⁵ (1 in 3 · 10⁸ at 365,000 keys). Immutable:
 * {@link #with} returns a new set (commands are rare; the copy is cheap). A record of plain arrays,
 * so Jackson writes it into snapshots as is.
 */
public record SeenKeys(long[] fingerprints, long[] appliedBits) {

  public static final SeenKeys NONE = new SeenKeys(new long[0], new long[0]);

  public SeenKeys {
    fingerprints = fingerprints == null ? new long[0] : fingerprints;
    appliedBits = appliedBits == null ? new long[0] : appliedBits;
  }

  public int size() {
    return fingerprints.length;
  }

  /** Whether the key was applied (true) or rejected (false), if it was ever answered. */
  public Optional<Boolean> outcomeOf(String key) {
    int at = Arrays.binarySearch(fingerprints, fingerprint(key));
    return at < 0 ? Optional.empty() : Optional.of(bit(appliedBits, at));
  }

  /** This set with the key answered so (unchanged if it is in it already). */
  public SeenKeys with(String key, boolean applied) {
    long fingerprint = fingerprint(key);
    int at = Arrays.binarySearch(fingerprints, fingerprint);
    if (at >= 0) {
      return this;
    }
    int insert = -at - 1;
    long[] nextFingerprints = new long[fingerprints.length + 1];
    System.arraycopy(fingerprints, 0, nextFingerprints, 0, insert);
    nextFingerprints[insert] = fingerprint;
    System.arraycopy(
        fingerprints, insert, nextFingerprints, insert + 1, fingerprints.length - insert);
    long[] nextBits = new long[(nextFingerprints.length + 63) / 64];
    for (int i = 0; i < nextFingerprints.length; i++) {
      boolean bit =
          i < insert ? bit(appliedBits, i) : i == insert ? applied : bit(appliedBits, i - 1);
      if (bit) {
        nextBits[i / 64] |= 1L << (i % 64);
      }
    }
    return new SeenKeys(nextFingerprints, nextBits);
  }

  private static boolean bit(long[] bits, int index) {
    return index / 64 < bits.length && (bits[index / 64] & (1L << (index % 64))) != 0;
  }

  static long fingerprint(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      long fingerprint = 0;
      for (int i = 0; i < 8; i++) {
        fingerprint = (fingerprint << 8) | (digest[i] & 0xFF);
      }
      return fingerprint;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeenKeys keys
        && Arrays.equals(fingerprints, keys.fingerprints)
        && Arrays.equals(appliedBits, keys.appliedBits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fingerprints) * 31 + Arrays.hashCode(appliedBits);
  }

  @Override
  public String toString() {
    return "SeenKeys[" + fingerprints.length + " keys]";
  }
}
