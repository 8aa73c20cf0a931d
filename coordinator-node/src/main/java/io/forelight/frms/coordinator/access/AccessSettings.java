package io.forelight.frms.coordinator.access;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code frms.coordinator.access}: where the first admin's password comes from, how long sessions
 * and tokens live, and how failed logins are slowed down.
 *
 * @param adminPasswordFile the first admin's password (FRMS_ADMIN_PASSWORD_FILE); empty: make one
 * @param generatedPasswordFile where a made-up first password is written (0600), beside the console
 * @param sessionIdle a session unused this long ends
 * @param sessionAbsolute a session ends this long after login, used or not
 * @param recheckAfter a node trusts what it read of a session or token this long before reading it
 *     again (so a logout or revocation elsewhere takes at most this long to reach it)
 * @param tokenMaxLifetime the longest an API token may be made to live
 * @param freeFailures failed logins (per name, and per address) before waiting is needed
 * @param firstBackoff the wait after the first failure beyond those, doubling with each one more
 * @param maxBackoff the longest wait
 */
public record AccessSettings(
    String adminPasswordFile,
    String generatedPasswordFile,
    Duration sessionIdle,
    Duration sessionAbsolute,
    Duration recheckAfter,
    Duration tokenMaxLifetime,
    int freeFailures,
    Duration firstBackoff,
    Duration maxBackoff) {

  public static final String PATH = "frms.coordinator.access";

  public static AccessSettings fromConfig(Config root) {
    Config c = root.getConfig(PATH);
    AccessSettings settings =
        new AccessSettings(
            c.getString("admin-password-file").strip(),
            c.getString("generated-password-file").strip(),
            c.getDuration("session.idle-timeout"),
            c.getDuration("session.absolute-timeout"),
            c.getDuration("session.recheck-after"),
            c.getDuration("tokens.max-lifetime"),
            c.getInt("login-throttle.free-failures"),
            c.getDuration("login-throttle.first-backoff"),
            c.getDuration("login-throttle.max-backoff"));
    settings.check();
    return settings;
  }

  private void check() {
    positive("session.idle-timeout", sessionIdle);
    positive("session.absolute-timeout", sessionAbsolute);
    positive("tokens.max-lifetime", tokenMaxLifetime);
    positive("login-throttle.first-backoff", firstBackoff);
    if (sessionIdle.compareTo(sessionAbsolute) > 0) {
      throw new IllegalArgumentException(
          PATH + ".session.idle-timeout must not exceed session.absolute-timeout");
    }
    if (recheckAfter.isNegative() || recheckAfter.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException(
          PATH + ".session.recheck-after: 0s..1m, got " + recheckAfter);
    }
    if (freeFailures < 1) {
      throw new IllegalArgumentException(
          PATH + ".login-throttle.free-failures: at least 1, got " + freeFailures);
    }
    if (maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException(
          PATH + ".login-throttle.max-backoff must not be below first-backoff");
    }
  }

  private static void positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(PATH + "." + key + ": must be positive, got " + value);
    }
  }

  /** How often a session in use has its expiry pushed back (one write per that much use). */
  public Duration touchEvery() {
    Duration quarter = sessionIdle.dividedBy(4);
    return quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
  }
}
