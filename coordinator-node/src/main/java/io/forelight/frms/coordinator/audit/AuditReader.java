package io.forelight.frms.coordinator.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads the audit trail: events newest first with filters, and the verification of the whole chain
 * (streamed page by page, so memory does not grow with the trail).
 */
public final class AuditReader {

  /** Which events to list; null fields match anything. {@code before}: only numbers below it. */
  public record Filter(String reactor, String user, Instant from, Instant to, Long before) {

    boolean matches(AuditEvent e) {
      return (reactor == null
              || e.target().equals("reactor:" + reactor)
              || e.target().startsWith("reactor:" + reactor + "/"))
          && (user == null || e.actor().equals(user))
          && (from == null || !e.at().isBefore(from))
          && (to == null || e.at().isBefore(to))
          && (before == null || e.seq() < before);
    }
  }

  /**
   * The outcome of checking the chain: {@code checked} events in order; where it breaks, the first
   * broken event's number and what is wrong with it.
   */
  public record Verification(boolean intact, long checked, Long brokenAt, String problem) {}

  private final AuditTrail trail;
  private final Materializer materializer;

  public AuditReader(AuditTrail trail, Materializer materializer) {
    this.trail = trail;
    this.materializer = materializer;
  }

  /**
   * How far before {@code from} events are still read, for clocks of coordinators a little apart:
   * reading stops at the first event older than that.
   */
  private static final java.time.Duration CLOCK_SLACK = java.time.Duration.ofMinutes(1);

  /** Matching events, newest first. */
  public Source<AuditEvent, NotUsed> newestFirst(Filter filter) {
    return Source.completionStage(trail.lastSeq())
        .flatMapConcat(
            last -> {
              long top = filter.before() == null ? last : Math.min(last, filter.before() - 1);
              return Source.unfold(
                      top / AuditTrail.PAGE,
                      page ->
                          page < 0 ? Optional.empty() : Optional.of(Pair.create(page - 1, page)))
                  .flatMapConcat(page -> trail.page(page, true));
            })
        .takeWhile(e -> filter.from() == null || !e.at().isBefore(filter.from().minus(CLOCK_SLACK)))
        .filter(filter::matches);
  }

  /** Checks every event from the first: numbers without a gap, each chained and hashed right. */
  public CompletionStage<Verification> verify() {
    return trail
        .headSeq()
        .thenCompose(
            head -> {
              long headSeq = head.orElse(0L);
              return walk(0, new Walk(0, AuditEvent.GENESIS, null, null), headSeq / AuditTrail.PAGE)
                  .thenApply(walk -> walk.outcome(headSeq));
            });
  }

  /**
   * Walks page {@code page} and the ones after it, up to the head's page and past it while full.
   */
  private CompletionStage<Walk> walk(long page, Walk from, long headPage) {
    return trail
        .page(page, false)
        .runWith(
            Sink.fold(
                new PageWalk(from, 0), (w, e) -> new PageWalk(w.walk().next(e), w.events() + 1)),
            materializer)
        .thenCompose(
            walked -> {
              boolean end = walked.events() == 0 && page >= headPage;
              return end || walked.walk().brokenAt() != null
                  ? CompletableFuture.completedFuture(walked.walk())
                  : walk(page + 1, walked.walk(), headPage);
            });
  }

  private record PageWalk(Walk walk, long events) {}

  /** The state of a walk along the chain: the last good event, or the first break. */
  private record Walk(long seq, String hash, Long brokenAt, String problem) {

    Walk next(AuditEvent e) {
      if (brokenAt != null) {
        return this;
      }
      if (e.seq() != seq + 1) {
        return broken(
            seq + 1, "event " + (seq + 1) + " is missing (the next one is " + e.seq() + ")");
      }
      if (!hash.equals(e.prevHash())) {
        return broken(e.seq(), "event " + e.seq() + " does not name the hash of event " + seq);
      }
      if (!e.computedHash().equals(e.hash())) {
        return broken(
            e.seq(),
            "event "
                + e.seq()
                + " was changed after it was written (its hash"
                + " does not match its content)");
      }
      return new Walk(e.seq(), e.hash(), null, null);
    }

    private Walk broken(long at, String why) {
      return new Walk(seq, hash, at, why);
    }

    Verification outcome(long headSeq) {
      if (brokenAt != null) {
        return new Verification(false, seq, brokenAt, problem);
      }
      if (seq < headSeq) {
        return new Verification(
            false,
            seq,
            seq + 1,
            "events "
                + (seq + 1)
                + " to "
                + headSeq
                + " are missing (the chain's head names "
                + headSeq
                + ")");
      }
      return new Verification(true, seq, null, null);
    }
  }
}
