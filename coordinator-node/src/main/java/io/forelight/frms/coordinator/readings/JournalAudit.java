package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.history.Completeness;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;

/**
 * Reads a reactor's whole SensorLog journal (the store of record, not the history read model) and
 * counts every stored sequence number of each sensor, and every event's own journal sequence
 * number: a reading stored twice there is a duplicate that the read model's keys would hide, and an
 * event number written twice means two writers wrote the journal at once. For audits: it streams
 * every event once, page by page.
 */
public final class JournalAudit {

  /**
   * Per sensor and sequence ({@link Track#number()}), the reading numbers the journal holds; and
   * the events' own numbers.
   */
  public record Audit(Map<String, Map<Integer, Completeness>> readings, Completeness events) {}

  private JournalAudit() {}

  public static CompletionStage<Audit> of(
      CurrentEventsByPersistenceIdQuery journal, String reactorId, ActorSystem<?> system) {
    Map<String, Map<Integer, Completeness>> bySensor = new HashMap<>();
    Completeness events = new Completeness();
    return journal
        .currentEventsByPersistenceId(SensorLog.persistenceIdOf(reactorId), 0L, Long.MAX_VALUE)
        .runForeach(
            envelope -> {
              events.add(envelope.sequenceNr());
              if (!(envelope.event() instanceof SensorLog.ReadingsStored stored)) {
                return;
              }
              for (Reading reading : stored.readings()) {
                Completeness sensor =
                    bySensor
                        .computeIfAbsent(reading.sensorId(), id -> new HashMap<>())
                        .computeIfAbsent(
                            stored.sequenceOf(reading.sensorId()), n -> new Completeness());
                sensor.add(reading.seq());
                if (reading.lost() != null) {
                  sensor.addLost(new Completeness.LostRange(reading.seq(), reading.lost()));
                }
              }
            },
            system)
        .thenApply(done -> new Audit(bySensor, events));
  }
}
