package io.forelight.frms.coordinator.audit;

import java.util.List;

/**
 * The audit trail's tables: {@code audit_events}, the chain in pages of {@link AuditTrail#PAGE}
 * events (one partition each), and {@code audit_head}, the number and hash of its last event (so a
 * removed tail is noticed too).
 */
public final class AuditSchema {

  private AuditSchema() {}

  public static List<String> tables(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".audit_events (chain text, page bigint, seq bigint, at timestamp, actor text,"
            + " action text, target text, old_value text, new_value text, reason text,"
            + " origin text, prev_hash text, hash text, PRIMARY KEY ((chain, page), seq))",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".audit_head (chain text PRIMARY KEY, seq bigint, hash text)");
  }
}
