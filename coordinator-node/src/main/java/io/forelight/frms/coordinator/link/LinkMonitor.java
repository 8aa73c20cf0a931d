package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.ops.ReactorLinkMBean;
import java.time.Instant;

/** {@link ReactorLinkMBean} over a link's status and counter, read from any thread. */
final class LinkMonitor implements ReactorLinkMBean {

  private final ReactorEntry reactor;
  private final LinkStatus status;
  private final StoredCounter counter;

  LinkMonitor(ReactorEntry reactor, LinkStatus status, StoredCounter counter) {
    this.reactor = reactor;
    this.status = status;
    this.counter = counter;
  }

  @Override
  public String getReactorId() {
    return reactor.id();
  }

  @Override
  public String getAddress() {
    return reactor.address();
  }

  @Override
  public String getState() {
    return status.status().name();
  }

  @Override
  public String getStateSince() {
    return Instant.ofEpochMilli(state().sinceMillis()).toString();
  }

  @Override
  public String getLastSeen() {
    long heard = counter.lastHeardMillis();
    return heard == 0 ? "" : Instant.ofEpochMilli(heard).toString();
  }

  @Override
  public long getBacklog() {
    return status.backlog();
  }

  @Override
  public long getLagMillis() {
    long newest = counter.newestReadingMicros();
    return newest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - newest / 1000);
  }

  @Override
  public long getReconnects() {
    return state().reconnects();
  }

  @Override
  public long getStoredReadings() {
    return counter.total();
  }

  @Override
  public String getLastError() {
    return state().lastError();
  }

  @Override
  public String[] getQuarantinedSensors() {
    return status.quarantined().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .map(sensor -> sensor.getKey() + ": " + sensor.getValue())
        .toArray(String[]::new);
  }

  @Override
  public long getClockOffsetMillis() {
    return status.clockOffsetMillis();
  }

  @Override
  public String getClockSkew() {
    String skew = status.clockSkew();
    return skew == null ? "" : skew;
  }

  private LinkState state() {
    return status.snapshot(reactor, counter, "");
  }
}
