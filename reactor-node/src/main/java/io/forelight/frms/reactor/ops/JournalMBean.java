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
}
