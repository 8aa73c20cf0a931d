package io.forelight.frms.coordinator.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  private static final Instant AT = Instant.parse("2026-12-01T08:00:00.123Z");
  private static final AuditEvent.Entry ENTRY =
      new AuditEvent.Entry(
          "ada", "command-submitted", "reactor:r1", null, "{\"type\":\"x\"}", "why", "address a");

  @Test
  void eachEventChainsOntoTheOneBefore() {
    AuditEvent first = AuditEvent.next(0, AuditEvent.GENESIS, AT, ENTRY);
    AuditEvent second = AuditEvent.next(first.seq(), first.hash(), AT, ENTRY);
    assertEquals(1, first.seq());
    assertEquals(AuditEvent.GENESIS, first.prevHash());
    assertEquals(first.hash(), second.prevHash());
    assertEquals(64, first.hash().length());
    assertNotEquals(first.hash(), second.hash(), "same content, other place in the chain");
    assertEquals(first.hash(), first.computedHash());
  }

  @Test
  void changingAnyFieldChangesTheHash() {
    AuditEvent e = AuditEvent.next(0, AuditEvent.GENESIS, AT, ENTRY);
    String hash = e.hash();
    AuditEvent[] edited = {
      new AuditEvent(
          e.seq(),
          e.at(),
          "eve",
          e.action(),
          e.target(),
          e.oldValue(),
          e.newValue(),
          e.reason(),
          e.origin(),
          e.prevHash(),
          hash),
      new AuditEvent(
          e.seq(),
          e.at().plusMillis(1),
          e.actor(),
          e.action(),
          e.target(),
          e.oldValue(),
          e.newValue(),
          e.reason(),
          e.origin(),
          e.prevHash(),
          hash),
      new AuditEvent(
          e.seq(),
          e.at(),
          e.actor(),
          e.action(),
          e.target(),
          "",
          e.newValue(),
          e.reason(),
          e.origin(),
          e.prevHash(),
          hash),
      new AuditEvent(
          e.seq(),
          e.at(),
          e.actor(),
          e.action(),
          e.target(),
          e.oldValue(),
          e.newValue(),
          "wh",
          e.origin(),
          e.prevHash(),
          hash),
      new AuditEvent(
          e.seq(),
          e.at(),
          e.actor(),
          e.action(),
          e.target(),
          e.oldValue(),
          e.newValue(),
          e.reason() + "\n",
          e.origin(),
          e.prevHash(),
          hash),
    };
    for (AuditEvent changed : edited) {
      assertNotEquals(hash, changed.computedHash(), changed.toString());
    }
  }
}
