package io.forelight.frms.coordinator.ops;

/**
 * The fleet as this coordinator sees it, as {@code io.forelight.frms:type=Fleet}. Link figures
 * cover the links hosted on this node: sum them over the cluster's nodes for the whole fleet.
 */
public interface FleetMBean {

  /** Reactors in the fleet file. */
  int getReactorsKnown();

  /** Links hosted on this node. */
  int getLinksHosted();

  /** Hosted links that are up (live or catching up). */
  int getConnected();

  int getCatchingUp();

  int getUnreachable();

  /** Readings stored by the links hosted here since they started. */
  long getReadingsStored();

  /** Readings stored per second over the last ten seconds, by the links hosted here. */
  double getReadingsStoredPerSecond();

  long getLargestBacklog();

  /** Ingest writes to Cassandra running now on this node (at most max-writes-in-flight). */
  int getIngestWritesRunning();

  /** Ingest writes waiting their turn now: a node offered more than Cassandra takes. */
  int getIngestWritesWaiting();

  /** Readings taken from reactors and not yet stored (at most max-readings-in-hand). */
  long getReadingsInHand();

  /** Links waiting for room to take more readings: the surplus waits on their reactors. */
  int getLinksWaitingForRoom();

  /** Stored readings kept in memory for history writes (at most max-history-queued). */
  long getHistoryQueued();

  long getLargestLagMillis();
}
