package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.forelight.frms.coordinator.link.ReactorInfo.SensorInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReactorInfoTest {

  private static ReactorInfo described(long lastSeq, long acknowledged, String stability, long at) {
    return new ReactorInfo(
        "1.0",
        List.of(
            new SensorInfo("temp", "temperature", "°C", "simulated", 1000, true, lastSeq, 0),
            new SensorInfo(
                "ph",
                "ph",
                "pH",
                "simulated",
                1000,
                true,
                lastSeq + 1,
                acknowledged,
                new CalibrationInfo(List.of("mid", "low"), 2, null, stability, false))),
        at % 1000,
        lastSeq - acknowledged,
        4096 + lastSeq,
        at,
        List.of(),
        List.of());
  }

  @Test
  void aDescriptionOfTheSameShapeIsTheFirstAtTheLatestsMoments() {
    ReactorInfo persisted = described(100, 90, "", 1_000_000);
    ReactorInfo latest = described(250, 240, "settling: 0.03 pH/min", 2_000_123);
    assertFalse(latest.changedFrom(persisted), "same shape");
    assertEquals(latest, persisted.at(latest.moments()));
  }

  @Test
  void sensorsWithoutCalibrationStayWithout() {
    ReactorInfo uncalibrated =
        new ReactorInfo(
            "1.0",
            List.of(new SensorInfo("temp", "temperature", "°C", "simulated", 1000, true, 7, 5)),
            0,
            2,
            0,
            1,
            List.of(),
            List.of());
    ReactorInfo later =
        new ReactorInfo(
            "1.0",
            List.of(new SensorInfo("temp", "temperature", "°C", "simulated", 1000, true, 9, 9)),
            3,
            0,
            10,
            2,
            List.of(),
            List.of());
    assertEquals(later, uncalibrated.at(later.moments()));
  }

  @Test
  void refusesTheMomentsOfAnotherNumberOfSensors() {
    ReactorInfo one =
        new ReactorInfo(
            "1.0",
            List.of(new SensorInfo("temp", "temperature", "°C", "simulated", 1000, true, 7, 5)),
            0,
            0,
            0,
            1,
            List.of(),
            List.of());
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> one.at(described(1, 1, "", 5).moments()));
    assertEquals("moments of 2 sensors for a description of 1", refused.getMessage());
  }
}
