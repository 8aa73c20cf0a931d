package io.forelight.frms.coordinator.access;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing on this node: after {@code freeFailures} failed logins for one name
 * or from one address, each further try must wait (doubling from {@code firstBackoff} up to {@code
 * maxBackoff}); a success clears the name's count. Remembers at most {@link #MAX_KEYS} names and
 * addresses (the least recently failed are forgotten first), so a flood of made-up names cannot
 * fill the heap.
 */
public final class LoginThrottle {

  static final int MAX_KEYS = 10_000;

  private record Failures(int count, Instant last, Instant blockedUntil) {}

  private final AccessSettings settings;

  private final Map<String, Failures> failures =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
          return size() > MAX_KEYS;
        }
      };

  public LoginThrottle(AccessSettings settings) {
    this.settings = settings;
  }

  /** How long a login for {@code user} from {@code address} must still wait, if at all. */
  public synchronized Optional<Duration> waitFor(String user, String address, Instant now) {
    Duration longest = Duration.ZERO;
    for (String key : keys(user, address)) {
      Failures f = current(key, now);
      if (f != null && f.blockedUntil().isAfter(now)) {
        Duration left = Duration.between(now, f.blockedUntil());
        longest = left.compareTo(longest) > 0 ? left : longest;
      }
    }
    return longest.isZero() ? Optional.empty() : Optional.of(longest);
  }

  public synchronized void failed(String user, String address, Instant now) {
    for (String key : keys(user, address)) {
      Failures before = current(key, now);
      int count = before == null ? 1 : before.count() + 1;
      Instant blockedUntil = now;
      if (count >= settings.freeFailures()) {
        int doublings = Math.min(30, count - settings.freeFailures());
        Duration wait = settings.firstBackoff().multipliedBy(1L << doublings);
        blockedUntil =
            now.plus(wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait);
      }
      failures.put(key, new Failures(count, now, blockedUntil));
    }
  }

  public synchronized void succeeded(String user) {
    failures.remove("user:" + user);
  }

  /** The failures of {@code key}, forgotten once quiet for twice the longest wait. */
  private Failures current(String key, Instant now) {
    Failures f = failures.get(key);
    if (f != null && f.last().plus(settings.maxBackoff().multipliedBy(2)).isBefore(now)) {
      failures.remove(key);
      return null;
    }
    return f;
  }

  private static String[] keys(String user, String address) {
    return new String[] {"user:" + user, "address:" + address};
  }
}
