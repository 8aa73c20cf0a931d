package io.forelight.frms.reactor.journal;

import com.typesafe.config.Config;
import io.forelight.frms.reactor.journal.LogRecord.Events;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.event.EventStream;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.DeleteMessagesFailure;
import org.apache.pekko.persistence.DeleteMessagesSuccess;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Pekko Persistence journal plugin on a {@link FlashLog}, speaking the journal protocol itself
 * (Pekko's journal TCK checks it: {@code FlashJournalTckTest}).
 *
 * <p>Writes are answered straight from the log's commit, in order, to the persistent actor: no
 * future per write, no circuit breaker timer, no resequencing actor, which is most of what a
 * reading cost on the way through the journal. Order needs no resequencing because an event-sourced
 * actor has one write in flight at a time and the log commits writes in the order it takes them. A
 * failed write (the log full, a disk error) fails the actor's write, which restarts it; the log,
 * not a breaker, decides when writes succeed again.
 *
 * <p>Deleting events up to a sequence number is the log's acknowledgement: they are dropped with
 * their segment, and the highest sequence number stays known. Replays read the log on the plugin's
 * I/O dispatcher. Journal-level event adapters are not supported (none are configured).
 */
public final class FlashJournal extends AbstractActor {

  private static final int REPLAY_CHUNK = 1000;

  private final FlashLog log;
  private final EventCodec codec;
  private final Executor io;
  private final boolean publishCommands;
  private final boolean answerBatchOutcome;
  private final EventStream events;

  public FlashJournal(Config config, String configPath) {
    this.log = FlashLogs.get(context().system()).forJournal(configPath);
    this.codec = new EventCodec(context().system());
    this.io = context().system().dispatchers().lookup(config.getString("io-dispatcher"));
    this.events = context().system().eventStream();
    this.answerBatchOutcome = config.getBoolean("answer-batch-outcome");
    Config all = context().system().settings().config();
    String publish = "pekko.persistence.publish-plugin-commands"; // set by Pekko's tests only
    this.publishCommands = all.hasPath(publish) && all.getBoolean(publish);
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(JournalProtocol.WriteMessages.class, this::onWrite)
        .match(JournalProtocol.ReplayMessages.class, this::onReplay)
        .match(JournalProtocol.DeleteMessagesTo.class, this::onDelete)
        .build();
  }

  /** One write as the persistent actor sent it, and what became of each of its parts. */
  private record Write(PersistentEnvelope envelope, Exception rejected) {}

  private void onWrite(JournalProtocol.WriteMessages write) {
    List<Write> parts = new ArrayList<>();
    List<Events> records = new ArrayList<>();
    for (PersistentEnvelope envelope : CollectionConverters.asJava(write.messages())) {
      Exception rejected = null;
      if (envelope instanceof AtomicWrite atomic) {
        try {
          records.add(new Events(atomic.persistenceId(), encode(atomic)));
        } catch (Exception e) { // a serializer written in Scala may throw checked exceptions
          rejected = e;
        }
      }
      parts.add(new Write(envelope, rejected));
    }
    ActorRef journal = self();
    boolean outcome = answerBatchOutcome;
    appendOrFail(records)
        .whenComplete(
            (ok, error) ->
                answer(parts, error == null ? null : cause(error), write, journal, outcome));
  }

  private CompletableFuture<Void> appendOrFail(List<Events> records) {
    try {
      return log.append(records);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private List<StoredEvent> encode(AtomicWrite atomic) {
    List<StoredEvent> events = new ArrayList<>();
    for (PersistentRepr repr : CollectionConverters.asJava(atomic.payload())) {
      events.add(codec.encode(repr));
    }
    return List.copyOf(events);
  }

  /**
   * As Pekko's journals answer: the batch's outcome first (unless {@code outcome} is off), then one
   * answer per event, in order.
   */
  private static void answer(
      List<Write> parts,
      Throwable failed,
      JournalProtocol.WriteMessages write,
      ActorRef journal,
      boolean outcome) {
    ActorRef to = write.persistentActor();
    int instance = write.actorInstanceId();
    if (outcome) {
      to.tell(
          failed == null
              ? JournalProtocol.WriteMessagesSuccessful$.MODULE$
              : new JournalProtocol.WriteMessagesFailed(
                  failed,
                  (int) parts.stream().filter(p -> p.envelope() instanceof AtomicWrite).count()),
          journal);
    }
    for (Write part : parts) {
      if (part.envelope() instanceof AtomicWrite atomic) {
        for (PersistentRepr repr : CollectionConverters.asJava(atomic.payload())) {
          Object answer =
              failed != null
                  ? new JournalProtocol.WriteMessageFailure(repr, failed, instance)
                  : part.rejected() != null
                      ? new JournalProtocol.WriteMessageRejected(repr, part.rejected(), instance)
                      : new JournalProtocol.WriteMessageSuccess(repr, instance);
          to.tell(answer, repr.sender());
        }
      } else { // not persisted: only looped back in order (deferred handlers)
        PersistentEnvelope loop = part.envelope();
        to.tell(new JournalProtocol.LoopMessageSuccess(loop.payload(), instance), loop.sender());
      }
    }
  }

  private void onReplay(JournalProtocol.ReplayMessages replay) {
    ActorRef to = replay.persistentActor();
    CompletableFuture.runAsync(
            () -> {
              long highest = log.highestSeq(replay.persistenceId());
              replay(replay, Math.min(replay.toSequenceNr(), highest), to);
              to.tell(new JournalProtocol.RecoverySuccess(highest), ActorRef.noSender());
            },
            io)
        .exceptionally(
            error -> {
              to.tell(new JournalProtocol.ReplayMessagesFailure(cause(error)), ActorRef.noSender());
              return null;
            });
  }

  private void replay(JournalProtocol.ReplayMessages replay, long to, ActorRef replyTo) {
    String persistenceId = replay.persistenceId();
    long next = replay.fromSequenceNr();
    long remaining = replay.max();
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
        PersistentRepr repr = codec.decode(persistenceId, event);
        if (!repr.deleted()) {
          replyTo.tell(new JournalProtocol.ReplayedMessage(repr), ActorRef.noSender());
        }
      }
      remaining -= chunk.size();
      next = chunk.get(chunk.size() - 1).seq() + 1;
    }
  }

  private void onDelete(JournalProtocol.DeleteMessagesTo delete) {
    ActorRef to = delete.persistentActor();
    long seq = delete.toSequenceNr();
    log.acknowledge(delete.persistenceId(), seq)
        .whenComplete(
            (ok, error) -> {
              to.tell(
                  error == null
                      ? new DeleteMessagesSuccess(seq)
                      : new DeleteMessagesFailure(cause(error), seq),
                  ActorRef.noSender());
              if (publishCommands) { // for tests that watch the journal's commands (the TCK)
                events.publish(delete);
              }
            });
  }

  private static Throwable cause(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
