package io.forelight.frms.coordinator.ops;

import io.forelight.frms.coordinator.fleet.FleetFile;
import io.forelight.frms.coordinator.history.HistoryWork;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.coordinator.storage.WriteGate;
import java.io.File;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * {@link FleetMBean} over the links hosted here. The rate is sampled once a second (by {@link
 * #sample}) into a ten-second window; the fleet file is re-read only when it changed.
 */
final class FleetView implements FleetMBean {

  private static final int WINDOW_SECONDS = 10;

  private record Sample(long nanos, long stored) {}

  private final File fleetFile;
  private final Supplier<Collection<ReactorLinkMBean>> links;
  private final WriteGate writeGate;
  private final ReadingsInHand inHand;
  private final HistoryWork historyWork;
  private final Deque<Sample> window = new ArrayDeque<>();
  private WriteGate.Spent storesSpent = new WriteGate.Spent(0, 0, 0);
  private WriteGate.Spent historySpent = new WriteGate.Spent(0, 0, 0);
  private HistoryWork.Counts historyCounts = HistoryWork.Counts.NONE;
  private long fleetFileModified = -1;
  private int reactorsKnown;

  FleetView(
      File fleetFile,
      Supplier<Collection<ReactorLinkMBean>> links,
      WriteGate writeGate,
      ReadingsInHand inHand,
      HistoryWork historyWork) {
    this.fleetFile = fleetFile;
    this.links = links;
    this.writeGate = writeGate;
    this.inHand = inHand;
    this.historyWork = historyWork;
  }

  @Override
  public int getIngestWritesRunning() {
    return writeGate.running();
  }

  @Override
  public int getIngestWritesWaiting() {
    return writeGate.waiting();
  }

  @Override
  public long getReadingsInHand() {
    return inHand.held();
  }

  @Override
  public int getLinksWaitingForRoom() {
    return inHand.waiting();
  }

  @Override
  public long getHistoryQueued() {
    return historyWork.queued();
  }

  synchronized void sample() {
    window.addLast(new Sample(System.nanoTime(), getReadingsStored()));
    while (window.size() > WINDOW_SECONDS + 1) {
      window.removeFirst();
    }
  }

  @Override
  public synchronized int getReactorsKnown() {
    long modified = fleetFile.lastModified();
    if (modified != fleetFileModified) {
      try {
        reactorsKnown = FleetFile.read(fleetFile).size();
        fleetFileModified = modified;
      } catch (FleetFile.Problem unreadableNow) {
        // keep the last good count; the registry reports the problem
      }
    }
    return reactorsKnown;
  }

  @Override
  public long getReadingsStored() {
    return links.get().stream().mapToLong(ReactorLinkMBean::getStoredReadings).sum();
  }

  @Override
  public int getLinksHosted() {
    return links.get().size();
  }

  @Override
  public int getConnected() {
    return count("LIVE") + count("CATCHING_UP");
  }

  @Override
  public int getCatchingUp() {
    return count("CATCHING_UP");
  }

  @Override
  public int getUnreachable() {
    return count("UNREACHABLE");
  }

  @Override
  public synchronized double getReadingsStoredPerSecond() {
    if (window.size() < 2) {
      return 0;
    }
    Sample first = window.getFirst();
    Sample last = window.getLast();
    // Links that moved away make the sum drop; a rate is never negative.
    return Math.max(0, (last.stored() - first.stored()) * 1e9 / (last.nanos() - first.nanos()));
  }

  @Override
  public long getLargestBacklog() {
    return links.get().stream().mapToLong(ReactorLinkMBean::getBacklog).max().orElse(0);
  }

  @Override
  public long getLargestLagMillis() {
    return links.get().stream().mapToLong(ReactorLinkMBean::getLagMillis).max().orElse(0);
  }

  /**
   * One line on this node's ingest, or nothing if it hosts no link: what the log shows every
   * summary interval instead of a line per reactor (1,000 reactors made 100 lines a second).
   */
  synchronized String summary() {
    WriteGate.Spent stores = writeGate.spent(WriteGate.Turn.NEW);
    WriteGate.Spent history = writeGate.spent(WriteGate.Turn.FINISHING);
    WriteGate.Spent storesSince = stores.since(storesSpent);
    WriteGate.Spent historySince = history.since(historySpent);
    HistoryWork.Counts counts = historyWork.now();
    HistoryWork.Counts countsSince = counts.since(historyCounts);
    storesSpent = stores;
    historySpent = history;
    historyCounts = counts;
    if (getLinksHosted() == 0) {
      return null;
    }
    return String.format(
        "ingest: %,.0f readings/s stored (%,d in all); links %d: %d connected, %d catching up,"
            + " %d unreachable; largest backlog %,d; writes %d running, %d waiting; since the last"
            + " line: stores %s, history writes %s (%s); %,d readings in hand, %d links waiting"
            + " for room; %,d history readings queued",
        getReadingsStoredPerSecond(),
        getReadingsStored(),
        getLinksHosted(),
        getConnected(),
        getCatchingUp(),
        getUnreachable(),
        getLargestBacklog(),
        getIngestWritesRunning(),
        getIngestWritesWaiting(),
        storesSince.describe(),
        historySince.describe(),
        countsSince.describe(),
        getReadingsInHand(),
        getLinksWaitingForRoom(),
        getHistoryQueued());
  }

  private int count(String state) {
    return (int) links.get().stream().filter(link -> state.equals(link.getState())).count();
  }
}
