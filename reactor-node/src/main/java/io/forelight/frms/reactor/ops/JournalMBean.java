package io.forelight.frms.reactor.ops;

/** The reactor's readings log on flash, as {@code io.forelight.frms:type=Journal,reactor=<id>}. */
public interface JournalMBean {

  /** Readings not yet acknowledged as stored centrally: what a lost board would lose. */
  long getUnacknowledgedReadings();

  long getBytesOnDisk();

  int getSegments();

  /** True while the log takes writes. */
  boolean isWritable();

  /** Why it does not ("" while it does). */
  String getProblem();

  /**
   * Damage found when the log was opened, one entry per damaged range (empty for a sound log): the
   * bytes, why they were unreadable, and where a copy was put. The readings they held are reported
   * to the coordinator as lost at source.
   */
  String[] getDamage();
}
