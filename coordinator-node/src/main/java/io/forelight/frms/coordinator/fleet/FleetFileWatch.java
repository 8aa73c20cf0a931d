package io.forelight.frms.coordinator.fleet;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet file as last read, read again when it changed (or when asked): a bad file is reported
 * and the last good fleet kept. The fleet registry keeps one to drive the entities; every node's
 * HTTP API keeps its own, so listing the fleet never depends on another node being reachable.
 * Thread-safe.
 */
public final class FleetFileWatch {

  private static final Logger log = LoggerFactory.getLogger(FleetFileWatch.class);

  private final File file;
  private final Supplier<List<ReactorEntry>> enrolled;
  private List<ReactorEntry> entries = List.of();
  private long readModified = -1;
  private String problem = "";

  public FleetFileWatch(File file) {
    this(file, List::of);
  }

  /** The fleet of {@code file} and of the reactors {@code enrolled} gives that it does not name. */
  public FleetFileWatch(File file, Supplier<List<ReactorEntry>> enrolled) {
    this.file = file;
    this.enrolled = enrolled;
  }

  /** Whether the fleet file (not enrolment) names reactor {@code id}: it is pre-approved. */
  public synchronized boolean names(String id) {
    if (file.lastModified() != readModified) {
      read();
    }
    return entries.stream().anyMatch(e -> e.id().equals(id));
  }

  /** The fleet, read again first if the file changed since the last read. */
  public synchronized FleetRegistry.Fleet current() {
    if (file.lastModified() != readModified) {
      read();
    }
    return fleet();
  }

  /** The fleet, read again now. */
  public synchronized FleetRegistry.Fleet reload() {
    read();
    return fleet();
  }

  private FleetRegistry.Fleet fleet() {
    List<ReactorEntry> joined = enrolled.get();
    if (joined.isEmpty()) {
      return new FleetRegistry.Fleet(entries, file.toString(), problem);
    }
    List<ReactorEntry> all = new ArrayList<>(entries);
    for (ReactorEntry entry : joined) {
      if (entries.stream().noneMatch(e -> e.id().equals(entry.id()))) {
        all.add(entry);
      }
    }
    return new FleetRegistry.Fleet(
        List.copyOf(all), file + " and " + (all.size() - entries.size()) + " enrolled", problem);
  }

  private void read() {
    readModified = file.lastModified();
    try {
      List<ReactorEntry> read = FleetFile.read(file);
      if (!read.equals(entries)) {
        log.info("fleet: {} reactor(s) from {}", read.size(), file);
      }
      entries = read;
      problem = "";
    } catch (FleetFile.Problem e) {
      problem = e.getMessage();
      log.error("{}; keeping the last good fleet of {}", problem, entries.size());
    }
  }
}
