package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.forelight.frms.coordinator.readings.LostAtSource;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.SensorDescription;
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
  void namesEveryMessageRepeatsAreKeptOnce() throws Exception {
    byte[] sent =
        io.forelight.frms.link.v1.Reading.newBuilder()
            .setSensorId("dissolved-oxygen")
            .setUnit("mg/L")
            .setSeq(1)
            .build()
            .toByteArray();
    var first = io.forelight.frms.link.v1.Reading.parseFrom(sent);
    var second = io.forelight.frms.link.v1.Reading.parseFrom(sent);
    assertNotSame(first.getSensorId(), second.getSensorId(), "each parse brings its own copy");

    assertSame(LinkProtocol.fromProto(first).sensorId(), LinkProtocol.fromProto(second).sensorId());
    assertSame(LinkProtocol.fromProto(first).unit(), LinkProtocol.fromProto(second).unit());

    byte[] described =
        ReactorDescription.newBuilder()
            .setSoftwareVersion("1")
            .addSensors(
                SensorDescription.newBuilder()
                    .setSensorId("ph")
                    .setKind("ph")
                    .setUnit("pH")
                    .setDriver("ezo"))
            .build()
            .toByteArray();
    ReactorInfo.SensorInfo before =
        LinkProtocol.fromProto(ReactorDescription.parseFrom(described), 0, 0).sensors().get(0);
    ReactorInfo.SensorInfo after =
        LinkProtocol.fromProto(ReactorDescription.parseFrom(described), 0, 0).sensors().get(0);
    assertSame(before.sensorId(), after.sensorId());
    assertSame(before.kind(), after.kind());
    assertSame(before.unit(), after.unit());
    assertSame(before.driver(), after.driver());
  }

  @Test
  void aReadingKeepsTheCalibrationItWasTakenUnder() {
    Reading reading =
        LinkProtocol.fromProto(
            io.forelight.frms.link.v1.Reading.newBuilder()
                .setSensorId("ph")
                .setSeq(3)
                .setValue(7.01)
                .setQuality(io.forelight.frms.link.v1.Quality.GOOD)
                .setCalibration(2)
                .build());
    assertEquals(2, reading.calibration());
  }

  @Test
  void aCalibrationCommandAndAProbesCalibrationCrossTheLinkWhole() {
    var command =
        LinkProtocol.toProto(
            "r1",
            new PendingCommand(
                "k",
                "olga",
                0,
                new ReactorCommand.CalibrateProbe("ph", "ph-low", 4.0, 0.02, 30_000, 0)));
    assertEquals("ph-low", command.getCalibrateProbe().getPoint());
    assertEquals(4.0, command.getCalibrateProbe().getValue());
    assertEquals(30_000, command.getCalibrateProbe().getStableForMillis());

    var info =
        CalibrationInfo.fromProto(
            io.forelight.frms.link.v1.ProbeCalibration.newBuilder()
                .addPoints("ph-mid")
                .setVersion(1)
                .setStability("stable: ...")
                .setLatest(
                    io.forelight.frms.link.v1.CalibrationRecord.newBuilder()
                        .setVersion(1)
                        .setPoint("ph-mid")
                        .setValue(7)
                        .setIssuedBy("olga")
                        .setPointsHeld(1)
                        .setAcidSlopePercent(Double.NaN)
                        .setBaseSlopePercent(100.2))
                .build());
    assertEquals(1, info.version());
    assertNull(info.latest().acidSlopePercent(), "no slope is null in JSON, not NaN");
    assertEquals(100.2, info.latest().baseSlopePercent());
    assertEquals(
        info.shape(), new CalibrationInfo(info.points(), 1, info.latest(), "x", true).shape());
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

  @Test
  void aReactorsClockOffsetIsTakenHalfwayThroughTheCall() {
    long now = 1_796_400_000_000L;
    io.forelight.frms.link.v1.ReactorDescription described =
        io.forelight.frms.link.v1.ReactorDescription.newBuilder()
            .setClockMicros((now - 5_000) * 1000)
            .build();

    assertEquals(-5_000, LinkProtocol.fromProto(described, now, 0).clockOffsetMillis());
    assertEquals(
        -1_000,
        LinkProtocol.fromProto(described, now, 8_000).clockOffsetMillis(),
        "asked 8 s before the answer came: the clock was read ~4 s before it");
  }
}
