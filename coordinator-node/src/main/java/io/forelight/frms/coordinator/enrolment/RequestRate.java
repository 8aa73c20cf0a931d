package io.forelight.frms.coordinator.enrolment;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many enrolment requests one address may send to this node: {@code perWindow} per {@code
 * window}, counted in fixed windows. The open enrolment route cannot then be used to fill the
 * Boards page with made-up boards from one machine. Remembers at most {@link #MAX_ADDRESSES}
 * addresses (the least recently seen forgotten first), so a flood of addresses cannot fill the
 * heap.
 */
final class RequestRate {

  static final int MAX_ADDRESSES = 10_000;

  private record Window(Instant start, int count) {}

  private final int perWindow;
  private final Duration window;
  private final Map<String, Window> windows =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  RequestRate(int perWindow, Duration window) {
    this.perWindow = perWindow;
    this.window = window;
  }

  /**
   * Counts a request from {@code address} at {@code now}: empty if it may go on, else how long the
   * address must wait.
   */
  synchronized Optional<Duration> admit(String address, Instant now) {
    Window current = windows.get(address);
    if (current == null || !current.start().plus(window).isAfter(now)) {
      current = new Window(now, 0);
    }
    if (current.count() >= perWindow) {
      windows.put(address, current);
      return Optional.of(Duration.between(now, current.start().plus(window)));
    }
    windows.put(address, new Window(current.start(), current.count() + 1));
    return Optional.empty();
  }
}
