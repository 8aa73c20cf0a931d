package io.forelight.frms.coordinator.enrolment;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reactors that joined the fleet by enrolment, as this node last read them: approved enrolments
 * as fleet entries at the address each board reported (no groups: stored groups add them). Read
 * again every few seconds and right after a decision on this node, so every node's fleet follows
 * within seconds. Thread-safe.
 */
public final class EnrolledFleet implements Supplier<List<ReactorEntry>> {

  private static final Logger log = LoggerFactory.getLogger(EnrolledFleet.class);

  private final EnrolmentStore store;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile List<ReactorEntry> entries = List.of();

  public EnrolledFleet(EnrolmentStore store) {
    this.store = store;
  }

  @Override
  public List<ReactorEntry> get() {
    return entries;
  }

  /** Reads the approved enrolments again (one read at a time; a failed read keeps the last). */
  public void refresh() {
    if (!reading.compareAndSet(false, true)) {
      return;
    }
    store
        .all()
        .whenComplete(
            (all, error) -> {
              reading.set(false);
              if (error != null) {
                log.debug("enrolled reactors not read now: {}", error.toString());
                return;
              }
              List<ReactorEntry> read =
                  all.stream()
                      .filter(e -> e.state() == Enrolment.State.APPROVED)
                      .map(EnrolledFleet::entry)
                      .toList();
              if (!read.equals(entries)) {
                log.info("fleet: {} enrolled reactor(s)", read.size());
              }
              entries = read;
            });
  }

  private static ReactorEntry entry(Enrolment e) {
    int colon = e.address().lastIndexOf(':');
    return new ReactorEntry(
        e.reactorId(),
        e.address().substring(0, colon),
        Integer.parseInt(e.address().substring(colon + 1)),
        List.of());
  }
}
