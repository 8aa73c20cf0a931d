package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.forelight.frms.coordinator.readings.LostAtSource;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.link.v1.SensorSeq;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkProtocolTest {

  @Test
  void aReadingKeepsEveryField() {
    Reading reading =
        LinkProtocol.fromProto(
            io.forelight.frms.link.v1.Reading.newBuilder()
                .setSensorId("t")
                .setSeq(7)
                .setTakenAtMicros(1_000_000)
                .setValue(37.5)
                .setUnit("°C")
                .setQuality(io.forelight.frms.link.v1.Quality.SUSPECT)
                .setDetail("above plausible")
                .build());

    assertEquals(
        new Reading("t", 7, 1_000_000, 37.5, "°C", Quality.SUSPECT, "above plausible"), reading);
    assertNull(reading.lost());
    assertEquals(7, reading.lastSeq());
  }

  @Test
  void aLostRangeThatStandsForSeveralNumbersKeepsItsLastOne() {
    Reading reading =
        LinkProtocol.fromProto(
            io.forelight.frms.link.v1.Reading.newBuilder()
                .setSensorId("t")
                .setSeq(11)
                .setQuality(io.forelight.frms.link.v1.Quality.BAD)
                .setLost(
                    io.forelight.frms.link.v1.LostAtSource.newBuilder()
                        .setFromMicros(5)
                        .setToMicros(9)
                        .setCount(3)
                        .setReason("log damaged")
                        .setThroughSeq(13))
                .build());

    assertEquals(new LostAtSource(5, 9, 3, "log damaged", 13), reading.lost());
    assertEquals(13, reading.lastSeq());
  }

  @Test
  void anUnknownOrMissingQualityIsBad() {
    assertEquals(
        Quality.BAD, LinkProtocol.fromProto(io.forelight.frms.link.v1.Quality.QUALITY_UNSPECIFIED));
    assertEquals(Quality.GOOD, LinkProtocol.fromProto(io.forelight.frms.link.v1.Quality.GOOD));
  }

  @Test
  void positionsAreSentInSensorOrderWithTheirIncarnation() {
    List<SensorSeq> sent = LinkProtocol.toProto(Map.of("ph", 4L, "do", 9L), Map.of("ph", "inc-1"));

    assertEquals(List.of("do", "ph"), sent.stream().map(SensorSeq::getSensorId).toList());
    assertEquals(9, sent.get(0).getSeq());
    assertEquals("", sent.get(0).getIncarnation());
    assertEquals("inc-1", sent.get(1).getIncarnation());
  }
}
