package io.forelight.frms.coordinator.audit;

import io.forelight.frms.coordinator.access.Secrets;
import java.time.Instant;

/**
 * One entry of the audit trail: who ({@code actor}, as authenticated) did what ({@code action}) to
 * what ({@code target}: {@code reactor:<id>}, {@code reactor:<id>/sensor:<id>}, {@code
 * user:<name>}, {@code token:<id>}, {@code fleet}), from what to what, why, and from where ({@code
 * origin}: address and credential). Each names the hash of the one before ({@code prevHash}) and
 * carries its own over all of that, so an edited, removed or inserted entry breaks the chain.
 */
public record AuditEvent(
    long seq,
    Instant at,
    String actor,
    String action,
    String target,
    String oldValue,
    String newValue,
    String reason,
    String origin,
    String prevHash,
    String hash) {

  /** The hash before the first event. */
  public static final String GENESIS = "0".repeat(64);

  /** What a caller records; the trail adds number, time and hashes. */
  public record Entry(
      String actor,
      String action,
      String target,
      String oldValue,
      String newValue,
      String reason,
      String origin) {}

  /** The event that follows one with {@code prevSeq} and {@code prevHash}. */
  public static AuditEvent next(long prevSeq, String prevHash, Instant at, Entry entry) {
    AuditEvent unsealed =
        new AuditEvent(
            prevSeq + 1,
            at,
            entry.actor(),
            entry.action(),
            entry.target(),
            entry.oldValue(),
            entry.newValue(),
            entry.reason(),
            entry.origin(),
            prevHash,
            null);
    return unsealed.withHash(unsealed.computedHash());
  }

  /** SHA-256 over every field but the hash itself, each length-prefixed (no two readings alike). */
  public String computedHash() {
    StringBuilder text = new StringBuilder();
    for (String field :
        new String[] {
          Long.toString(seq),
          Long.toString(at.toEpochMilli()),
          actor,
          action,
          target,
          oldValue,
          newValue,
          reason,
          origin,
          prevHash
        }) {
      String value = field == null ? "" : field;
      text.append(field == null ? -1 : value.length()).append(':').append(value).append('\n');
    }
    return Secrets.sha256(text.toString());
  }

  AuditEvent withHash(String hash) {
    return new AuditEvent(
        seq, at, actor, action, target, oldValue, newValue, reason, origin, prevHash, hash);
  }
}
