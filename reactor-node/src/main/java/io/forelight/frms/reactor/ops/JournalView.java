package io.forelight.frms.reactor.ops;

import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.LogDamage;

/** {@link JournalMBean} over the readings log. */
final class JournalView implements JournalMBean {

  private final FlashLog log;

  JournalView(FlashLog log) {
    this.log = log;
  }

  @Override
  public long getUnacknowledgedReadings() {
    return log.status().unacknowledgedEvents();
  }

  @Override
  public long getBytesOnDisk() {
    return log.status().bytesOnDisk();
  }

  @Override
  public int getSegments() {
    return log.status().segments();
  }

  @Override
  public boolean isWritable() {
    return log.problem().isEmpty();
  }

  @Override
  public String getProblem() {
    return log.problem().orElse("");
  }

  @Override
  public String[] getDamage() {
    return log.damage().stream().map(LogDamage::describe).toArray(String[]::new);
  }
}
