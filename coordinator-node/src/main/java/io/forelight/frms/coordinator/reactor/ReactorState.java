package io.forelight.frms.coordinator.reactor;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.PendingCommand;
import io.forelight.frms.coordinator.link.ReactorInfo;
import io.forelight.frms.node.SeenKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the coordinator knows of one reactor: its fleet entry (null once it left the fleet, at
 * {@code removedAtMillis}), its last description, the recent history of its link, the outbox of
 * commands not yet answered, the outcomes of recent ones, and the key of every command ever
 * answered ({@code answeredKeys}, 9 bytes a key), so a key is queued at most once however old. The
 * events of the Reactor entity are the full audit trail; the state keeps the recent part.
 */
public record ReactorState(
    ReactorEntry entry,
    ReactorInfo info,
    List<LinkChange> linkHistory,
    List<PendingCommand> outbox,
    List<Settled> settled,
    long removedAtMillis,
    SeenKeys answeredKeys)
    implements CborSerializable {

  static final int HISTORY = 50;
  static final int SETTLED = 500;

  public static final ReactorState EMPTY =
      new ReactorState(null, null, List.of(), List.of(), List.of(), 0, SeenKeys.NONE);

  public ReactorState {
    linkHistory = List.copyOf(linkHistory);
    outbox = List.copyOf(outbox);
    settled = List.copyOf(settled);
    answeredKeys = answeredKeys == null ? SeenKeys.NONE : answeredKeys;
  }

  /** The link went up or down at a time, and why (when down). */
  public record LinkChange(boolean up, long atMillis, String detail) implements CborSerializable {}

  /** A command the reactor answered: applied or rejected, with its reason. */
  public record Settled(PendingCommand command, boolean applied, String reason, long atMillis)
      implements CborSerializable {}

  public boolean knows(String key) {
    return outbox.stream().anyMatch(p -> p.key().equals(key))
        || settled.stream().anyMatch(s -> s.command().key().equals(key))
        || answeredKeys.outcomeOf(key).isPresent();
  }

  /** The recorded outcome of a command, if it is among the recent ones. */
  public Optional<Settled> settledCommand(String key) {
    return settled.stream().filter(s -> s.command().key().equals(key)).findFirst();
  }

  /** Whether the link was up at its last change. */
  public boolean linkUp() {
    return !linkHistory.isEmpty() && linkHistory.get(linkHistory.size() - 1).up();
  }

  public Optional<PendingCommand> pending(String key) {
    return outbox.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  ReactorState withEntry(ReactorEntry newEntry) {
    return new ReactorState(newEntry, info, linkHistory, outbox, settled, 0, answeredKeys);
  }

  ReactorState removed(long atMillis) {
    return new ReactorState(null, info, linkHistory, outbox, settled, atMillis, answeredKeys);
  }

  ReactorState withInfo(ReactorInfo newInfo) {
    return new ReactorState(
        entry, newInfo, linkHistory, outbox, settled, removedAtMillis, answeredKeys);
  }

  ReactorState withLinkChange(LinkChange change) {
    return new ReactorState(
        entry,
        info,
        bounded(linkHistory, change, HISTORY),
        outbox,
        settled,
        removedAtMillis,
        answeredKeys);
  }

  ReactorState withQueued(PendingCommand command) {
    List<PendingCommand> next = new ArrayList<>(outbox);
    next.add(command);
    return new ReactorState(entry, info, linkHistory, next, settled, removedAtMillis, answeredKeys);
  }

  ReactorState withSettled(String key, boolean applied, String reason, long atMillis) {
    Optional<PendingCommand> command = pending(key);
    if (command.isEmpty()) {
      return this;
    }
    List<PendingCommand> rest = new ArrayList<>(outbox);
    rest.remove(command.get());
    return new ReactorState(
        entry,
        info,
        linkHistory,
        rest,
        bounded(settled, new Settled(command.get(), applied, reason, atMillis), SETTLED),
        removedAtMillis,
        answeredKeys.with(key, applied));
  }

  private static <T> List<T> bounded(List<T> list, T added, int max) {
    List<T> next = new ArrayList<>(list);
    next.add(added);
    return next.size() > max ? next.subList(next.size() - max, next.size()) : next;
  }
}
