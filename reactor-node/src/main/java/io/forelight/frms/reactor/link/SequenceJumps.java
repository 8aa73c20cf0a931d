package io.forelight.frms.reactor.link;

import io.forelight.frms.link.v1.Reading;
import io.forelight.frms.reactor.sensor.Sensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.persistence.query.EventEnvelope;

/**
 * The readings of one stream, in order per sensor, with every jump in a sensor's sequence numbers
 * (records its log lost to damage) sent as one lost-at-source reading that stands for the missing
 * numbers ({@code through_seq}), so the coordinator stores the loss instead of finding a gap. Used
 * by one stream stage at a time.
 */
final class SequenceJumps {

  static final String DAMAGED = "log damaged";

  private record Last(long seq, long takenAtMicros) {}

  private final Map<String, String> sensorOf;
  private final Map<String, Last> last = new HashMap<>();

  /** Starts after each persistence id's cursor. */
  SequenceJumps(Map<String, Long> after, Map<String, String> sensorOf) {
    this.sensorOf = sensorOf;
    after.forEach((id, seq) -> last.put(id, new Last(seq, -1)));
  }

  List<Reading> readings(List<EventEnvelope> chunk) {
    List<Reading> readings = new ArrayList<>(chunk.size());
    for (EventEnvelope envelope : chunk) {
      String id = envelope.persistenceId();
      String sensor = sensorOf.get(id);
      Reading reading =
          LinkProtocol.toProto(sensor, envelope.sequenceNr(), (Sensor.Event) envelope.event());
      Last before = last.get(id);
      if (before != null && envelope.sequenceNr() > before.seq() + 1) {
        long from =
            before.takenAtMicros() < 0 ? reading.getTakenAtMicros() : before.takenAtMicros();
        readings.add(
            LinkProtocol.lostSequence(
                sensor,
                before.seq() + 1,
                envelope.sequenceNr() - 1,
                from,
                reading.getTakenAtMicros()));
      }
      if (before == null || envelope.sequenceNr() > before.seq()) {
        last.put(id, new Last(envelope.sequenceNr(), reading.getTakenAtMicros()));
      }
      readings.add(reading);
    }
    return readings;
  }
}
