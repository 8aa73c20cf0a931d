package io.forelight.frms.reactor.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.link.v1.Reading;
import io.forelight.frms.reactor.sensor.Quality;
import io.forelight.frms.reactor.sensor.Sensor;
import java.util.List;
import java.util.Map;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.junit.jupiter.api.Test;

class SequenceJumpsTest {

  private static EventEnvelope taken(String id, long seq) {
    return EventEnvelope.apply(
        Offset.sequence(seq),
        id,
        seq,
        new Sensor.ReadingTaken(seq, seq * 1_000_000, 20.0, "°C", Quality.GOOD, ""),
        seq * 1000);
  }

  @Test
  void aJumpIsSentAsOneLostReadingThatStandsForTheMissingNumbers() {
    SequenceJumps jumps =
        new SequenceJumps(Map.of("s-a", 0L, "s-b", 3L), Map.of("s-a", "a", "s-b", "b"));

    List<Reading> first =
        jumps.readings(List.of(taken("s-a", 1), taken("s-a", 2), taken("s-b", 4)));
    List<Reading> second = jumps.readings(List.of(taken("s-a", 6), taken("s-b", 5)));

    assertEquals(List.of(1L, 2L, 4L), first.stream().map(Reading::getSeq).toList());
    assertEquals(List.of(3L, 6L, 5L), second.stream().map(Reading::getSeq).toList());
    Reading lost = second.get(0);
    assertEquals("a", lost.getSensorId());
    assertEquals(5, lost.getLost().getThroughSeq());
    assertEquals(3, lost.getLost().getCount());
    assertEquals(SequenceJumps.DAMAGED, lost.getLost().getReason());
    assertEquals(2_000_000, lost.getLost().getFromMicros(), "after the last reading before it");
    assertEquals(6_000_000, lost.getLost().getToMicros(), "before the first reading after it");
  }

  @Test
  void aJumpRightAfterTheCursorIsFilledToo() {
    SequenceJumps jumps = new SequenceJumps(Map.of("s-a", 10L), Map.of("s-a", "a"));

    List<Reading> readings = jumps.readings(List.of(taken("s-a", 13)));

    assertEquals(List.of(11L, 13L), readings.stream().map(Reading::getSeq).toList());
    assertEquals(12, readings.get(0).getLost().getThroughSeq());
  }
}
