package io.forelight.frms.reactor.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Persistence query over a {@link FlashLog}: the stored events of one id (replay), then each new
 * one as soon as its commit is durable (live). Acknowledged events are skipped, all but the last
 * (see {@link FlashLog#readFromLastAcknowledged}). Reads of the latest events come from memory;
 * older ones run on the I/O dispatcher, in chunks, only when downstream asks: nothing is buffered
 * beyond one chunk.
 */
public final class FlashReadJournal
    implements ReadJournal, EventsByPersistenceIdQuery, CurrentEventsByPersistenceIdQuery {

  public static final String IDENTIFIER = "frms.reactor.readings-journal.query";

  private final FlashLog log;
  private final EventCodec codec;
  private final Executor io;
  private final Duration pollInterval;
  private final int chunkSize;

  FlashReadJournal(
      FlashLog log, EventCodec codec, Executor io, Duration pollInterval, int chunkSize) {
    this.log = log;
    this.codec = codec;
    this.io = io;
    this.pollInterval = pollInterval;
    this.chunkSize = chunkSize;
  }

  @Override
  public Source<EventEnvelope, NotUsed> eventsByPersistenceId(
      String persistenceId, long fromSequenceNr, long toSequenceNr) {
    if (fromSequenceNr > toSequenceNr) {
      return Source.empty();
    }
    return eventsAfter(Map.of(persistenceId, fromSequenceNr - 1), chunkSize)
        .mapConcat(events -> events)
        .takeWhile(event -> event.sequenceNr() <= toSequenceNr)
        .takeWhile(event -> event.sequenceNr() < toSequenceNr, true);
  }

  /**
   * Events of several ids, each after its given sequence number, replay then live, in chunks of at
   * most {@code maxPerChunk} (one tail for all ids: see {@link JointTail}). Each id's events come
   * in order; ids are interleaved.
   */
  public Source<List<EventEnvelope>, NotUsed> eventsAfter(
      Map<String, Long> afterSeqByPersistenceId, int maxPerChunk) {
    return new JointTail(log, io, pollInterval, this::envelope)
        .after(afterSeqByPersistenceId, maxPerChunk);
  }

  @Override
  public Source<EventEnvelope, NotUsed> currentEventsByPersistenceId(
      String persistenceId, long fromSequenceNr, long toSequenceNr) {
    long to = Math.min(toSequenceNr, log.highestSeq(persistenceId));
    return Source.unfoldAsync(
            fromSequenceNr,
            (Long next) ->
                next > to
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : read(persistenceId, next, to)
                        .thenApply(
                            chunk ->
                                chunk.second().isEmpty() ? Optional.empty() : Optional.of(chunk)))
        .mapConcat(events -> events);
  }

  private CompletableFuture<Pair<Long, List<EventEnvelope>>> read(
      String persistenceId, long next, long to) {
    if (next > log.highestSeq(persistenceId)) {
      // Woken by a commit of another sensor: nothing of this one to read, so no trip to the disk.
      return CompletableFuture.completedFuture(Pair.create(next, List.of()));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          List<StoredEvent> events;
          try {
            events = log.readFromLastAcknowledged(persistenceId, next, to, chunkSize);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return chunk(persistenceId, next, events);
        },
        io);
  }

  private Pair<Long, List<EventEnvelope>> chunk(
      String persistenceId, long next, List<StoredEvent> events) {
    long after = events.isEmpty() ? next : events.get(events.size() - 1).seq() + 1;
    return Pair.create(
        after, events.stream().map(event -> envelope(persistenceId, event)).toList());
  }

  private EventEnvelope envelope(String persistenceId, StoredEvent event) {
    return EventEnvelope.apply(
        Offset.sequence(event.seq()),
        persistenceId,
        event.seq(),
        codec.payload(event),
        event.timestampMillis());
  }
}
