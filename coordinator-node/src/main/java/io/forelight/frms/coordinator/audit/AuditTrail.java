package io.forelight.frms.coordinator.audit;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.storage.Statements;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one hash chain for the fleet in Cassandra, appended by any coordinator. An event
 * takes the next number with a lightweight transaction ({@code IF NOT EXISTS}), so two nodes
 * appending at once never fork the chain: the loser reads the winner's event and chains onto it.
 * Appends of this node go one at a time; at most {@link #MAX_WAITING} wait, more are refused (the
 * change they record is then refused too: nothing changes unrecorded).
 */
public final class AuditTrail {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  public static final long PAGE = 10_000;
  static final String CHAIN = "fleet";
  static final int MAX_WAITING = 1_000;
  private static final int MAX_TRIES = 50;

  /** The audit trail cannot take an event now. */
  public static final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message);
    }
  }

  private record Head(long seq, String hash) {}

  private final Statements statements;
  private Head head;
  private CompletionStage<?> last = CompletableFuture.completedFuture(null);
  private int waiting;

  public AuditTrail(Statements statements) {
    this.statements = statements;
  }

  /** Appends {@code entry}; completes with the event once it is in Cassandra. */
  public synchronized CompletionStage<AuditEvent> record(AuditEvent.Entry entry) {
    if (waiting >= MAX_WAITING) {
      return CompletableFuture.failedFuture(
          new Unavailable("the audit trail is not keeping up (" + waiting + " waiting)"));
    }
    waiting++;
    CompletionStage<AuditEvent> appended =
        last.handle((ignored, error) -> null).thenCompose(ignored -> append(entry, 1));
    last = appended;
    return appended.whenComplete(
        (event, error) -> {
          synchronized (this) {
            waiting--;
          }
          if (error != null) {
            log.error(
                "audit event not recorded: {} {} by {}: {}",
                entry.action(),
                entry.target(),
                entry.actor(),
                error.toString());
          }
        });
  }

  private CompletionStage<AuditEvent> append(AuditEvent.Entry entry, int attempt) {
    return knownHead()
        .thenCompose(
            h -> {
              AuditEvent event =
                  AuditEvent.next(
                      h.seq(), h.hash(), Instant.now().truncatedTo(ChronoUnit.MILLIS), entry);
              return insert(event)
                  .thenCompose(
                      applied -> {
                        if (applied) {
                          setHead(new Head(event.seq(), event.hash()));
                          return moveHeadRow(event).thenApply(done -> event);
                        }
                        if (attempt >= MAX_TRIES) {
                          throw new Unavailable("audit event " + event.seq() + " kept being taken");
                        }
                        // another node took this number: catch up with the chain's end
                        return walkForward(h)
                            .thenCompose(
                                end -> {
                                  setHead(end);
                                  return append(entry, attempt + 1);
                                });
                      });
            });
  }

  private synchronized void setHead(Head newHead) {
    head = newHead;
  }

  private CompletionStage<Head> knownHead() {
    Head known;
    synchronized (this) {
      known = head;
    }
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return headRow().thenCompose(row -> walkForward(row.orElse(new Head(0, AuditEvent.GENESIS))));
  }

  /** Follows events past {@code from} (a node may have appended without moving the head row). */
  private CompletionStage<Head> walkForward(Head from) {
    return event(from.seq() + 1)
        .thenCompose(
            next ->
                next.isPresent()
                    ? walkForward(new Head(next.get().seq(), next.get().hash()))
                    : CompletableFuture.completedFuture(from));
  }

  /** The number and hash the head row names, if it exists. */
  public CompletionStage<Optional<Long>> headSeq() {
    return headRow().thenApply(row -> row.map(Head::seq));
  }

  private CompletionStage<Optional<Head>> headRow() {
    return statements
        .get("SELECT seq, hash FROM %s.audit_head WHERE chain = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(CHAIN)))
        .thenApply(row -> row.map(r -> new Head(r.getLong("seq"), r.getString("hash"))));
  }

  private CompletionStage<Boolean> insert(AuditEvent e) {
    return statements
        .get(
            "INSERT INTO %s.audit_events (chain, page, seq, at, actor, action, target, old_value,"
                + " new_value, reason, origin, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS")
        .thenCompose(
            insert ->
                statements.applied(
                    insert.bind(
                        CHAIN,
                        e.seq() / PAGE,
                        e.seq(),
                        e.at(),
                        e.actor(),
                        e.action(),
                        e.target(),
                        e.oldValue(),
                        e.newValue(),
                        e.reason(),
                        e.origin(),
                        e.prevHash(),
                        e.hash())));
  }

  /** Moves the head row forward to {@code e} (never back), creating it for the first event. */
  private CompletionStage<Boolean> moveHeadRow(AuditEvent e) {
    return statements
        .get("UPDATE %s.audit_head SET seq = ?, hash = ? WHERE chain = ? IF seq < ?")
        .thenCompose(update -> statements.applied(update.bind(e.seq(), e.hash(), CHAIN, e.seq())))
        .thenCompose(
            moved ->
                moved
                    ? CompletableFuture.completedFuture(true)
                    : statements
                        .get(
                            "INSERT INTO %s.audit_head (chain, seq, hash) VALUES (?, ?, ?)"
                                + " IF NOT EXISTS")
                        .thenCompose(
                            insert -> statements.applied(insert.bind(CHAIN, e.seq(), e.hash()))));
  }

  /** The event numbered {@code seq}, if there is one. */
  public CompletionStage<Optional<AuditEvent>> event(long seq) {
    return statements
        .get("SELECT * FROM %s.audit_events WHERE chain = ? AND page = ? AND seq = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(CHAIN, seq / PAGE, seq)))
        .thenApply(row -> row.map(AuditTrail::event));
  }

  /** The events of page {@code page}, oldest first or newest first. */
  Source<AuditEvent, NotUsed> page(long page, boolean newestFirst) {
    String order = newestFirst ? "DESC" : "ASC";
    return Source.completionStage(
            statements.get(
                "SELECT * FROM %s.audit_events WHERE chain = ? AND page = ? ORDER BY seq " + order))
        .flatMapConcat(
            select -> statements.session().select(select.bind(CHAIN, page).setPageSize(1000)))
        .map(AuditTrail::event);
  }

  /** The last event's number as this node knows it (reading the chain's end if need be). */
  public CompletionStage<Long> lastSeq() {
    return knownHead().thenApply(Head::seq);
  }

  static AuditEvent event(Row row) {
    return new AuditEvent(
        row.getLong("seq"),
        row.getInstant("at"),
        row.getString("actor"),
        row.getString("action"),
        row.getString("target"),
        row.getString("old_value"),
        row.getString("new_value"),
        row.getString("reason"),
        row.getString("origin"),
        row.getString("prev_hash"),
        row.getString("hash"));
  }
}
