package io.forelight.frms.coordinator.ownership;

import com.typesafe.config.Config;
import java.util.Optional;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.cassandra.journal.CassandraJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * The Cassandra journal, refusing every write and delete of an entity whose shard lease this node
 * does not hold ({@link Ownership#refusal}): the check runs right before the events go to
 * Cassandra, so an entity left running on a node that was paused or cut off past the lease's
 * trusted time fails its write (and stops) instead of writing beside the entity's new holder.
 * Configured as the journal plugin's {@code class}.
 */
public final class FencedCassandraJournal extends CassandraJournal {

  private static final Logger log = LoggerFactory.getLogger(FencedCassandraJournal.class);

  private final Ownership ownership;

  public FencedCassandraJournal(Config config, String configPath) {
    super(config, configPath);
    this.ownership = Ownership.get(Adapter.toTyped(context().system()));
  }

  @Override
  public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
    for (AtomicWrite write : CollectionConverters.asJava(messages)) {
      Optional<String> refusal = ownership.refusal(write.persistenceId());
      if (refusal.isPresent()) {
        return refused(
            "events "
                + write.lowestSequenceNr()
                + ".."
                + write.highestSequenceNr()
                + " of "
                + write.persistenceId(),
            refusal.get());
      }
    }
    return super.asyncWriteMessages(messages);
  }

  @Override
  public Future<BoxedUnit> asyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    Optional<String> refusal = ownership.refusal(persistenceId);
    return refusal.isPresent()
        ? refused("deleting events up to " + toSequenceNr + " of " + persistenceId, refusal.get())
        : super.asyncDeleteMessagesTo(persistenceId, toSequenceNr);
  }

  static <T> Future<T> refused(String what, String why) {
    log.warn("refused {}: {}", what, why);
    return scala.concurrent.Future$.MODULE$.failed(new NotOwner("refused " + what + ": " + why));
  }

  /** A write refused because this node does not hold the entity's lease. */
  public static final class NotOwner extends RuntimeException {
    NotOwner(String message) {
      super(message);
    }
  }
}
