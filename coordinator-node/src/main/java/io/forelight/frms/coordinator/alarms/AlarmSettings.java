package io.forelight.frms.coordinator.alarms;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code frms.coordinator.alarms}: the rules file (empty: none; read at start by {@link #rules})
 * and the webhook.
 */
public record AlarmSettings(
    String rulesFile,
    Optional<URI> webhook,
    Duration minBackoff,
    Duration maxBackoff,
    Duration timeout) {

  private static final String ROOT = "frms.coordinator.alarms";

  /** The rules of {@link #rulesFile}, read now ({@link AlarmRules.Problem} names what is wrong). */
  public AlarmRules rules() {
    return AlarmRules.read(rulesFile);
  }

  /** Reads and checks the settings; a problem names the key ({@link AlarmRules.Problem}). */
  public static AlarmSettings fromConfig(Config root) {
    Config c = root.getConfig(ROOT);
    String rules = c.getString("rules-file").strip();
    String url = c.getString("webhook.url").strip();
    Optional<URI> webhook = Optional.empty();
    if (!url.isEmpty()) {
      try {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
        webhook = Optional.of(uri);
      } catch (IllegalArgumentException e) {
        throw new AlarmRules.Problem(
            ROOT + ".webhook.url must be an http:// or https:// URL, got '" + url + "'");
      }
    }
    Duration min = c.getDuration("webhook.min-backoff");
    Duration max = c.getDuration("webhook.max-backoff");
    Duration timeout = c.getDuration("webhook.timeout");
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new AlarmRules.Problem(
          ROOT
              + ".webhook: min-backoff must be positive and at most max-backoff, got "
              + min
              + " and "
              + max);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new AlarmRules.Problem(ROOT + ".webhook.timeout must be positive, got " + timeout);
    }
    return new AlarmSettings(rules, webhook, min, max, timeout);
  }
}
