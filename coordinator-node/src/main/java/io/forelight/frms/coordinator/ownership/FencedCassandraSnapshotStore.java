package io.forelight.frms.coordinator.ownership;

import com.typesafe.config.Config;
import java.util.Optional;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.cassandra.snapshot.CassandraSnapshotStore;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;

/**
 * The Cassandra snapshot store, refusing to save or delete snapshots of an entity whose shard lease
 * this node does not hold, like {@link FencedCassandraJournal}.
 */
public final class FencedCassandraSnapshotStore extends CassandraSnapshotStore {

  private final Ownership ownership;

  public FencedCassandraSnapshotStore(Config config, String configPath) {
    super(config, configPath);
    this.ownership = Ownership.get(Adapter.toTyped(context().system()));
  }

  @Override
  public Future<BoxedUnit> saveAsync(SnapshotMetadata metadata, Object snapshot) {
    Optional<String> refusal = ownership.refusal(metadata.persistenceId());
    return refusal.isPresent()
        ? FencedCassandraJournal.refused(
            "snapshot " + metadata.sequenceNr() + " of " + metadata.persistenceId(), refusal.get())
        : super.saveAsync(metadata, snapshot);
  }

  @Override
  public Future<BoxedUnit> deleteAsync(SnapshotMetadata metadata) {
    Optional<String> refusal = ownership.refusal(metadata.persistenceId());
    return refusal.isPresent()
        ? FencedCassandraJournal.refused(
            "deleting snapshot " + metadata.sequenceNr() + " of " + metadata.persistenceId(),
            refusal.get())
        : super.deleteAsync(metadata);
  }

  @Override
  public Future<BoxedUnit> deleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    Optional<String> refusal = ownership.refusal(persistenceId);
    return refusal.isPresent()
        ? FencedCassandraJournal.refused("deleting snapshots of " + persistenceId, refusal.get())
        : super.deleteAsync(persistenceId, criteria);
  }
}
