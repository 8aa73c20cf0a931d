package io.forelight.frms.coordinator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.forelight.frms.coordinator.access.AccessSettings;
import io.forelight.frms.coordinator.alarms.AlarmRules;
import io.forelight.frms.coordinator.alarms.AlarmSettings;
import io.forelight.frms.coordinator.history.HistoryRetention;
import io.forelight.frms.coordinator.http.HttpsFiles;
import io.forelight.frms.coordinator.link.LinkSettings;
import io.forelight.frms.coordinator.ownership.LeaseTiming;
import io.forelight.frms.node.NodeConfig;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Everything a coordinator node is configured with under {@code frms.coordinator}, read once and
 * checked: a bad value fails at start with the key, the value and what is allowed.
 */
public record CoordinatorSettings(
    String httpInterface,
    int httpPort,
    File fleetFile,
    Duration fleetKeepAlive,
    LinkSettings link,
    AccessSettings access,
    Optional<SSLContext> https,
    boolean plainHttpOffLoopback,
    AlarmSettings alarms) {

  public static final String ROOT = "frms.coordinator";

  /** Pekko dispatcher settings, checked by Pekko. */
  private static final Set<String> OPEN_SECTIONS = Set.of("blocking-dispatcher");

  /** A config value that cannot work. */
  public static final class Problem extends RuntimeException {
    public Problem(String message) {
      super(message);
    }
  }

  public static CoordinatorSettings fromConfig(Config root) {
    try {
      Config c = root.getConfig(ROOT);
      NodeConfig.unknownSetting(root, ROOT, "coordinator-node.conf", Set.of(), OPEN_SECTIONS)
          .ifPresent(
              problem -> {
                throw new Problem(problem);
              });
      int port = c.getInt("http.port");
      if (port < 0 || port > 65535) {
        throw new Problem(ROOT + ".http.port: must be 0..65535, got " + port);
      }
      Duration keepAlive = c.getDuration("fleet.keep-alive");
      if (keepAlive.isNegative() || keepAlive.isZero()) {
        throw new Problem(ROOT + ".fleet.keep-alive: must be positive, got " + keepAlive);
      }
      checkOwnership(root, c);
      LinkSettings link = LinkSettings.fromConfig(c.getConfig("link"));
      if (link.maxBatchSize() < 1 || link.maxBatchSize() > 10_000) {
        throw new Problem(
            ROOT + ".link.max-batch-size: must be 1..10000, got " + link.maxBatchSize());
      }
      if (link.maxReadingsPerStore() < link.maxBatchSize()) {
        throw new Problem(
            ROOT
                + ".link.max-readings-per-store: must be at least max-batch-size ("
                + link.maxBatchSize()
                + "), got "
                + link.maxReadingsPerStore());
      }
      if (link.minBackoff().compareTo(link.maxBackoff()) > 0) {
        throw new Problem(ROOT + ".link.min-backoff must not exceed max-backoff");
      }
      if (link.maxClockSkew().isNegative() || link.maxClockSkew().isZero()) {
        throw new Problem(
            ROOT + ".link.max-clock-skew: must be positive, got " + link.maxClockSkew());
      }
      try {
        HistoryRetention.of(root);
      } catch (IllegalArgumentException e) {
        throw new Problem(e.getMessage());
      }
      AccessSettings access;
      try {
        access = AccessSettings.fromConfig(root);
      } catch (IllegalArgumentException e) {
        throw new Problem(e.getMessage());
      }
      AlarmSettings alarms;
      try {
        alarms = AlarmSettings.fromConfig(root);
      } catch (AlarmRules.Problem | IllegalArgumentException e) {
        throw new Problem(e.getMessage());
      }
      String httpInterface = c.getString("http.interface");
      Optional<SSLContext> https = https(c);
      boolean offLoopback = !isLoopback(httpInterface);
      if (https.isEmpty() && offLoopback && !c.getBoolean("http.allow-plain-http")) {
        throw new Problem(
            ROOT
                + ".http.interface is "
                + httpInterface
                + ", not loopback: passwords and session cookies would cross the network in clear."
                + " Give the API a key and certificate ("
                + ROOT
                + ".http.tls.key-file and cert-file, FRMS_HTTP_TLS_KEY_FILE and"
                + " FRMS_HTTP_TLS_CERT_FILE), or set "
                + ROOT
                + ".http.allow-plain-http = on (FRMS_HTTP_ALLOW_PLAIN=on)");
      }
      return new CoordinatorSettings(
          httpInterface,
          port,
          new File(c.getString("fleet.file")),
          keepAlive,
          link,
          access,
          https,
          https.isEmpty() && offLoopback,
          alarms);
    } catch (ConfigException e) {
      throw new Problem(e.getMessage());
    }
  }

  /** The API's TLS context when a key and certificate are configured (both, or neither). */
  private static Optional<SSLContext> https(Config c) {
    String key = c.getString("http.tls.key-file").strip();
    String cert = c.getString("http.tls.cert-file").strip();
    if (key.isEmpty() && cert.isEmpty()) {
      return Optional.empty();
    }
    if (key.isEmpty() || cert.isEmpty()) {
      throw new Problem(
          ROOT
              + ".http.tls: set both key-file and cert-file (or neither), got key-file '"
              + key
              + "' and cert-file '"
              + cert
              + "'");
    }
    try {
      return Optional.of(HttpsFiles.sslContext(Path.of(key), Path.of(cert)));
    } catch (HttpsFiles.Problem e) {
      throw new Problem(ROOT + ".http.tls: " + e.getMessage());
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new Problem(ROOT + ".http.interface: no such host '" + host + "'");
    }
  }

  /** Fencing needs the shard lease, and the lease's times must work together. */
  private static void checkOwnership(Config root, Config c) {
    String useLease = root.getString("pekko.cluster.sharding.use-lease");
    if (c.getBoolean("ownership.fence-writes") && useLease.isEmpty()) {
      throw new Problem(
          ROOT
              + ".ownership.fence-writes is on but pekko.cluster.sharding.use-lease is empty: writes"
              + " are fenced by the shard leases, set it to \""
              + ROOT
              + ".ownership.lease\"");
    }
    if (!useLease.isEmpty()) {
      if (!root.hasPath(useLease)) {
        throw new Problem("pekko.cluster.sharding.use-lease: no config at '" + useLease + "'");
      }
      try {
        LeaseTiming.fromConfig(root.getConfig(useLease), useLease);
      } catch (LeaseTiming.Problem e) {
        throw new Problem(e.getMessage());
      }
    }
  }
}
