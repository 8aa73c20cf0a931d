package io.forelight.frms.reactor.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One live tail over several persistence ids of a {@link FlashLog} (a link's sensors): each step
 * reads what every id has after its position, from the last acknowledged event on, in one chunk of
 * at most {@code maxPerChunk} events shared fairly among the ids that have news; with nothing new
 * it waits for the next commit (or the poll interval). One wake-up per commit for all ids instead
 * of one per id, and reads close behind the writer come from memory without leaving the stream's
 * thread.
 */
final class JointTail {

  private final FlashLog log;
  private final Executor io;
  private final Duration pollInterval;
  private final BiFunction<String, StoredEvent, EventEnvelope> envelope;
  private int turn;

  JointTail(
      FlashLog log,
      Executor io,
      Duration pollInterval,
      BiFunction<String, StoredEvent, EventEnvelope> envelope) {
    this.log = log;
    this.io = io;
    this.pollInterval = pollInterval;
    this.envelope = envelope;
  }

  /** Chunks of events after {@code afterSeq} of each id (never empty ones), replay then live. */
  Source<List<EventEnvelope>, NotUsed> after(Map<String, Long> afterSeq, int maxPerChunk) {
    Map<String, Long> start = new HashMap<>();
    afterSeq.forEach((id, seq) -> start.put(id, seq + 1));
    return Source.unfoldAsync(
            Map.copyOf(start),
            (Map<String, Long> next) -> step(next, maxPerChunk).thenApply(Optional::of))
        .filter(chunk -> !chunk.isEmpty());
  }

  private CompletableFuture<Pair<Map<String, Long>, List<EventEnvelope>>> step(
      Map<String, Long> next, int maxPerChunk) {
    CompletableFuture<Void> commit = log.nextCommit();
    List<String> behind = new ArrayList<>();
    next.forEach(
        (id, seq) -> {
          if (seq <= log.highestSeq(id)) {
            behind.add(id);
          }
        });
    if (behind.isEmpty()) {
      return awaitCommit(commit, next);
    }
    List<String> chosen = behind.size() <= maxPerChunk ? behind : rotatingFew(behind, maxPerChunk);
    int perId = maxPerChunk / chosen.size();
    Optional<Pair<Map<String, Long>, List<EventEnvelope>>> fromMemory =
        readRecent(next, chosen, perId);
    CompletableFuture<Pair<Map<String, Long>, List<EventEnvelope>>> read =
        fromMemory.isPresent()
            ? CompletableFuture.completedFuture(fromMemory.get())
            : CompletableFuture.supplyAsync(() -> readFromDisk(next, chosen, perId), io);
    // Nothing readable although the log is ahead (what is left was dropped as acknowledged):
    // wait as if idle instead of asking again at once.
    return read.thenCompose(chunk -> chunk.second().isEmpty() ? awaitCommit(commit, next) : read);
  }

  /** More ids with news than events per chunk: one event each of a rotating few. */
  private List<String> rotatingFew(List<String> behind, int count) {
    Collections.sort(behind);
    Collections.rotate(behind, -(turn++ % behind.size()));
    return List.copyOf(behind.subList(0, count));
  }

  /**
   * Wakes at the next commit or after the poll interval, whichever comes first; the poll's timer is
   * cancelled when the commit comes first (a tail of a reactor sampling every second otherwise left
   * a timer a second that woke a thread for nothing).
   */
  private CompletableFuture<Pair<Map<String, Long>, List<EventEnvelope>>> awaitCommit(
      CompletableFuture<Void> commit, Map<String, Long> next) {
    return commit
        .copy() // the commit signal is shared: only this tail's copy may time out
        .completeOnTimeout(null, pollInterval.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(woken -> Pair.create(next, List.of()));
  }

  private Optional<Pair<Map<String, Long>, List<EventEnvelope>>> readRecent(
      Map<String, Long> next, List<String> behind, int perId) {
    Map<String, List<StoredEvent>> read = new HashMap<>();
    for (String id : behind) {
      Optional<List<StoredEvent>> events =
          log.readRecentFromLastAcknowledged(id, next.get(id), Long.MAX_VALUE, perId);
      if (events.isEmpty()) {
        return Optional.empty();
      }
      read.put(id, events.get());
    }
    return Optional.of(advance(next, read));
  }

  private Pair<Map<String, Long>, List<EventEnvelope>> readFromDisk(
      Map<String, Long> next, List<String> behind, int perId) {
    Map<String, List<StoredEvent>> read = new HashMap<>();
    try {
      for (String id : behind) {
        read.put(id, log.readFromLastAcknowledged(id, next.get(id), Long.MAX_VALUE, perId));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return advance(next, read);
  }

  private Pair<Map<String, Long>, List<EventEnvelope>> advance(
      Map<String, Long> next, Map<String, List<StoredEvent>> read) {
    Map<String, Long> after = new HashMap<>(next);
    List<EventEnvelope> chunk = new ArrayList<>();
    read.forEach(
        (id, events) -> {
          for (StoredEvent event : events) {
            chunk.add(envelope.apply(id, event));
          }
          if (!events.isEmpty()) {
            after.put(id, events.get(events.size() - 1).seq() + 1);
          }
        });
    return Pair.create(Map.copyOf(after), chunk);
  }
}
