package io.forelight.frms.coordinator.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerSensorTest {

  @Test
  void keepsAValuePerSensorAndReplacesItOnAnotherPut() {
    PerSensor<Long> positions = new PerSensor<>();
    for (int i = 0; i < 20; i++) {
      positions.put("s" + i, (long) i);
    }
    positions.put("s3", 33L);

    assertEquals(20, positions.size());
    assertEquals(33L, positions.get("s3"));
    assertEquals(19L, positions.get("s19"));
    assertNull(positions.get("s20"));
    assertTrue(positions.contains("s0"));
    assertFalse(positions.contains("ph"));
  }

  @Test
  void listsInTheOrderSensorsCameAndForgetsAll() {
    PerSensor<String> units = new PerSensor<>();
    units.put("temperature", "°C");
    units.put("ph", "pH");
    units.put("temperature", "K");
    Map<String, String> seen = new LinkedHashMap<>();
    units.forEach(seen::put);

    assertEquals(Map.of("temperature", "K", "ph", "pH"), seen);
    assertEquals("[temperature, ph]", seen.keySet().toString());
    units.clear();
    assertEquals(0, units.size());
    assertNull(units.get("ph"));
  }

  @Test
  void keepsEachSensorIdOncePerNode() {
    PerSensor<Boolean> checked = new PerSensor<>();
    checked.put(new String("dissolved-oxygen"), true); // as a parsed message brings it
    String[] kept = new String[1];
    checked.forEach((sensor, value) -> kept[0] = sensor);

    assertSame("dissolved-oxygen".intern(), kept[0]);
  }

  @Test
  void refusesAMissingValue() {
    PerSensor<Long> positions = new PerSensor<>();
    assertThrows(IllegalArgumentException.class, () -> positions.put("ph", null));
  }
}
