package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.history.Completeness;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;

/**
 * Reads a reactor's whole SensorLog journal (the store of record, not the history read model) and
 * counts every stored sequence number of each sensor: a reading stored twice there is a duplicate
 * that the read model's keys would hide. For audits: it streams every event once, page by page.
 */
public final class JournalAudit {

  private JournalAudit() {}

  /** Per sensor, the sequence numbers the journal holds. */
  public static CompletionStage<Map<String, Completeness>> seqs(
      CurrentEventsByPersistenceIdQuery journal, String reactorId, ActorSystem<?> system) {
    Map<String, Completeness> bySensor = new HashMap<>();
    return journal
        .currentEventsByPersistenceId(SensorLog.persistenceIdOf(reactorId), 0L, Long.MAX_VALUE)
        .map(envelope -> (SensorLog.ReadingsStored) envelope.event())
        .runForeach(
            stored -> {
              for (Reading reading : stored.readings()) {
                bySensor
                    .computeIfAbsent(reading.sensorId(), sensor -> new Completeness())
                    .add(reading.seq());
              }
            },
            system)
        .thenApply(done -> bySensor);
  }
}
