package io.forelight.frms.coordinator.alarms;

import io.forelight.frms.node.Jmx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.management.ObjectName;
import org.apache.pekko.actor.typed.ActorSystem;

/** {@link AlarmsMBean}: counts of the open alarms, read again every {@link #REFRESH}. */
public final class AlarmCounts implements AlarmsMBean {

  static final Duration REFRESH = Duration.ofSeconds(5);
  private static final ObjectName NAME = Jmx.name("Alarms");

  private final AlarmStore store;
  private volatile List<AlarmStore.Open> open = List.of();
  private volatile Instant readAt;

  private AlarmCounts(AlarmStore store) {
    this.store = store;
  }

  public static void start(ActorSystem<?> system, AlarmStore store) {
    AlarmCounts counts = new AlarmCounts(store);
    Jmx.register(NAME, AlarmsMBean.class, counts);
    system.getWhenTerminated().thenRun(() -> Jmx.unregister(NAME, counts));
    system
        .scheduler()
        .scheduleWithFixedDelay(Duration.ZERO, REFRESH, counts::refresh, system.executionContext());
  }

  private void refresh() {
    store
        .open()
        .thenAccept(
            read -> {
              open = read;
              readAt = Instant.now();
            });
  }

  @Override
  public int getActive() {
    return (int) open.stream().filter(a -> a.status().startsWith("ACTIVE")).count();
  }

  @Override
  public int getUnacknowledged() {
    return (int) open.stream().filter(a -> a.status().endsWith("UNACKED")).count();
  }

  @Override
  public int getCritical() {
    return bySeverity(AlarmRule.Severity.CRITICAL);
  }

  @Override
  public int getMajor() {
    return bySeverity(AlarmRule.Severity.MAJOR);
  }

  @Override
  public int getMinor() {
    return bySeverity(AlarmRule.Severity.MINOR);
  }

  @Override
  public int getWarning() {
    return bySeverity(AlarmRule.Severity.WARNING);
  }

  @Override
  public String getReadAt() {
    return readAt == null ? "never" : readAt.toString();
  }

  private int bySeverity(AlarmRule.Severity severity) {
    return (int) open.stream().filter(a -> a.severity().equals(severity.id())).count();
  }
}
