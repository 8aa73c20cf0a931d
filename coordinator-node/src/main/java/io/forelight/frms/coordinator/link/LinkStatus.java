package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.LinkState.Status;
import java.util.Map;
import java.util.Optional;

/**
 * Where a link stands: its status since when, the backlog it is catching up, how often it had to
 * reconnect and why the last time. Owned (written) by one {@link ReactorLink}; read by JMX too.
 */
final class LinkStatus {

  private volatile Status status = Status.CONNECTING;
  private volatile long sinceMillis = System.currentTimeMillis();
  private volatile long backlog;
  private volatile long reconnects;
  private volatile String lastError = "";
  private volatile Map<String, String> quarantined = Map.of();
  private volatile Map<String, String> newSequences = Map.of();
  private volatile long clockOffsetMillis;
  private volatile String clockSkew;
  private volatile String commandWaiting;

  Status status() {
    return status;
  }

  boolean up() {
    return isUp(status);
  }

  long backlog() {
    return backlog;
  }

  void backlog(long readings) {
    backlog = Math.max(0, readings);
  }

  /** Readings were stored: the backlog shrinks; true if that ended a catch-up. */
  boolean stored(long readings) {
    backlog = Math.max(0, backlog - readings);
    return status == Status.CATCHING_UP && backlog == 0;
  }

  /** The reactor's sensors whose readings are refused now, with why. */
  Map<String, String> quarantined() {
    return quarantined;
  }

  void quarantined(Map<String, String> sensors) {
    quarantined = Map.copyOf(sensors);
  }

  long clockOffsetMillis() {
    return clockOffsetMillis;
  }

  /**
   * Why the command in flight has not been answered yet ("command k: waiting for a settled reading
   * ..."), or null when none waits.
   */
  void commandWaiting(String why) {
    commandWaiting = why;
  }

  /** How far the reactor's clock is off, if beyond the allowed skew; else null. */
  String clockSkew() {
    return clockSkew;
  }

  /**
   * The reactor's clock offset (ms, positive when ahead) and, if beyond the limit, why it matters.
   */
  void clock(long offsetMillis, String skew) {
    clockOffsetMillis = offsetMillis;
    clockSkew = skew;
  }

  void newSequences(Map<String, String> sensors) {
    newSequences = Map.copyOf(sensors);
  }

  void lost(String error) {
    reconnects++;
    lastError = error;
  }

  /** Moves to the next status; when that crosses between up and down, what the owner is told. */
  Optional<LinkEvent.StatusChanged> change(Status next) {
    if (next == status) {
      return Optional.empty();
    }
    boolean crossed = isUp(status) != isUp(next);
    status = next;
    sinceMillis = System.currentTimeMillis();
    return crossed
        ? Optional.of(new LinkEvent.StatusChanged(next, isUp(next) ? "" : lastError))
        : Optional.empty();
  }

  LinkState snapshot(ReactorEntry reactor, StoredCounter counter, String node) {
    return new LinkState(
        reactor.id(),
        reactor.address(),
        status,
        sinceMillis,
        backlog,
        reconnects,
        counter.total(),
        counter.lastStoredAtMillis(),
        lastError,
        node,
        quarantined,
        newSequences,
        clockSkew,
        commandWaiting);
  }

  private static boolean isUp(Status status) {
    return status == Status.LIVE || status == Status.CATCHING_UP;
  }
}
