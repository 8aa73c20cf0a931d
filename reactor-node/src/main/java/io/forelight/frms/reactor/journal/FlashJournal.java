package io.forelight.frms.reactor.journal;

import com.typesafe.config.Config;
import io.forelight.frms.reactor.journal.LogRecord.Events;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;

/**
 * Pekko Persistence journal plugin on a {@link FlashLog}. Deleting events up to a sequence number
 * is the log's acknowledgement: they are dropped with their segment, and the highest sequence
 * number stays known. Replays read the log on the plugin's I/O dispatcher.
 */
public final class FlashJournal extends AsyncWriteJournal {

  private static final int REPLAY_CHUNK = 1000;

  private final FlashLog log;
  private final EventCodec codec;
  private final Executor io;

  public FlashJournal(Config config, String configPath) {
    this.log = FlashLogs.get(context().system()).forJournal(configPath);
    this.codec = new EventCodec(context().system());
    this.io = context().system().dispatchers().lookup(config.getString("io-dispatcher"));
  }

  @Override
  public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> writes) {
    List<Optional<Exception>> results = new ArrayList<>();
    List<Events> records = new ArrayList<>();
    for (AtomicWrite write : writes) {
      try {
        List<StoredEvent> events = new ArrayList<>();
        for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) {
          events.add(codec.encode(repr));
        }
        records.add(new Events(write.persistenceId(), List.copyOf(events)));
        results.add(Optional.empty());
      } catch (Exception e) { // a serializer written in Scala may throw checked exceptions
        results.add(Optional.of(e));
      }
    }
    CompletableFuture<Iterable<Optional<Exception>>> done =
        log.append(records).thenApply(ignored -> results);
    return FutureConverters.asScala(done);
  }

  @Override
  public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    return FutureConverters.asScala(log.acknowledge(persistenceId, toSequenceNr));
  }

  @Override
  public Future<Void> doAsyncReplayMessages(
      String persistenceId,
      long fromSequenceNr,
      long toSequenceNr,
      long max,
      Consumer<PersistentRepr> replayCallback) {
    CompletableFuture<Void> done =
        CompletableFuture.runAsync(
            () -> replay(persistenceId, fromSequenceNr, toSequenceNr, max, replayCallback), io);
    return FutureConverters.asScala(done);
  }

  private void replay(
      String persistenceId, long from, long to, long max, Consumer<PersistentRepr> callback) {
    long next = from;
    long remaining = max;
    while (remaining > 0 && next <= to) {
      List<StoredEvent> chunk;
      try {
        chunk = log.read(persistenceId, next, to, (int) Math.min(REPLAY_CHUNK, remaining));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (chunk.isEmpty()) {
        return;
      }
      for (StoredEvent event : chunk) {
        callback.accept(codec.decode(persistenceId, event));
      }
      remaining -= chunk.size();
      next = chunk.get(chunk.size() - 1).seq() + 1;
    }
  }

  @Override
  public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    return FutureConverters.asScala(
        CompletableFuture.completedFuture(log.highestSeq(persistenceId)));
  }
}
