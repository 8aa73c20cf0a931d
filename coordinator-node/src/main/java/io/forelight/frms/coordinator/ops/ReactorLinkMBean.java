package io.forelight.frms.coordinator.ops;

/**
 * One reactor link hosted on this coordinator, as {@code
 * io.forelight.frms:type=ReactorLink,reactor=<id>}. It moves with the reactor's entity when shards
 * move between nodes.
 */
public interface ReactorLinkMBean {

  String getReactorId();

  /** host:port of the reactor's link. */
  String getAddress();

  /** CONNECTING, CATCHING_UP, LIVE or UNREACHABLE. */
  String getState();

  /** When the link entered its state, ISO-8601. */
  String getStateSince();

  /** When the reactor last sent anything (readings or a heartbeat), ISO-8601; "" if never. */
  String getLastSeen();

  /** Readings the reactor holds that are not stored yet, as of its last description. */
  long getBacklog();

  /**
   * How far the stored copy trails the reactor: now minus the reactor-clock time of the newest
   * stored reading, in milliseconds (0 before the first; grows while sampling is stopped).
   */
  long getLagMillis();

  long getReconnects();

  /** Readings stored through this link since it started on this node. */
  long getStoredReadings();

  String getLastError();

  /**
   * Sensors of this reactor whose readings are refused (their log and the stored readings disagree;
   * an admin decides): "sensor: since T: reason", one each; empty when none.
   */
  String[] getQuarantinedSensors();

  /** The reactor's clock minus this coordinator's when last described, ms (positive: ahead). */
  long getClockOffsetMillis();

  /** How far the reactor's clock is off, when beyond max-clock-skew; "" when within. */
  String getClockSkew();
}
