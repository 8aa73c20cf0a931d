package io.forelight.frms.coordinator.alarms;

import io.forelight.frms.coordinator.CborSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What an {@link Alarm} entity keeps: its latest alarm (open or ended; null before the first), how
 * many alarms it raised, how many transitions it made, and the transitions not yet recorded (read
 * model and audit trail) or not yet notified (webhook), oldest first, at most {@link #MAX_WAITING}
 * each.
 */
public record AlarmState(
    Occurrence current,
    int raised,
    int transitions,
    List<Transition> unrecorded,
    List<Transition> unnotified)
    implements CborSerializable {

  static final int MAX_WAITING = 1000;

  public static final AlarmState EMPTY = new AlarmState(null, 0, 0, List.of(), List.of());

  public AlarmState {
    unrecorded = List.copyOf(unrecorded);
    unnotified = List.copyOf(unnotified);
  }

  boolean active() {
    return current != null && current.status().active();
  }

  /** After transition {@code t}; it waits to be notified only when {@code notify}. */
  AlarmState changed(Transition t, boolean notify) {
    return new AlarmState(
        t.alarm(),
        raised + (t.kind().equals("raised") ? 1 : 0),
        t.no(),
        bounded(unrecorded, t),
        notify ? bounded(unnotified, t) : unnotified);
  }

  AlarmState recorded(int no) {
    return new AlarmState(current, raised, transitions, without(unrecorded, no), unnotified);
  }

  AlarmState notified(int no) {
    return new AlarmState(current, raised, transitions, unrecorded, without(unnotified, no));
  }

  private static List<Transition> bounded(List<Transition> list, Transition t) {
    List<Transition> next = new ArrayList<>(list);
    next.add(t);
    return next.size() > MAX_WAITING ? next.subList(next.size() - MAX_WAITING, next.size()) : next;
  }

  private static List<Transition> without(List<Transition> list, int no) {
    return list.stream().filter(t -> t.no() != no).toList();
  }
}
