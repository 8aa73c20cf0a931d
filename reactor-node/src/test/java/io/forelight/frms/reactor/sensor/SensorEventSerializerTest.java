package io.forelight.frms.reactor.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import io.forelight.frms.reactor.sensor.Sensor.ReadingsLost;
import java.io.NotSerializableException;
import java.util.Arrays;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Sensor events in the flash log: compact, exact, and the older Jackson form still reads. */
class SensorEventSerializerTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create("sensor-events", TestConfigs.inMemory());
  private static final Serialization serialization =
      SerializationExtension.get(testKit.system().classicSystem());

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static final ReadingTaken READING =
      new ReadingTaken(42, 1_764_800_000_123_456L, 36.93, "°C", Quality.GOOD, null, 3);

  private static Object roundTrip(Object event) throws Exception {
    Serializer serializer = serialization.findSerializerFor(event);
    assertEquals(SensorEventSerializer.ID, serializer.identifier(), "the system's choice");
    byte[] bytes = serializer.toBinary(event);
    return serialization
        .deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, event))
        .get();
  }

  @Test
  void readingsAndLostRangesComeBackExactly() throws Exception {
    assertEquals(READING, roundTrip(READING));
    ReadingTaken bad =
        new ReadingTaken(43, 5, Double.NaN, "mg/L", Quality.BAD, "driver not answering", 0);
    ReadingTaken back = (ReadingTaken) roundTrip(bad);
    assertTrue(Double.isNaN(back.value()));
    assertEquals(bad.detail(), back.detail());
    assertEquals(Quality.BAD, back.quality());
    ReadingsLost lost = new ReadingsLost(44, 10, 20, 7, "the log is full");
    assertEquals(lost, roundTrip(lost));
  }

  @Test
  void aLongDetailHasNoSixtyFourKilobyteLimit() throws Exception {
    String detail = "é".repeat(70_000);
    ReadingTaken reading = new ReadingTaken(1, 1, 1.0, "pH", Quality.SUSPECT, detail, 0);
    assertEquals(reading, roundTrip(reading));
  }

  @Test
  void aReadingTakesAFewDozenBytesInsteadOfJacksons() throws Exception {
    byte[] compact = serialization.findSerializerFor(READING).toBinary(READING);
    byte[] jackson = serialization.serializerFor(Sample.class).toBinary(READING);
    assertTrue(compact.length <= 40, compact.length + " bytes");
    assertTrue(compact.length * 2 < jackson.length, compact.length + " vs " + jackson.length);
  }

  @Test
  void eventsLoggedByJacksonBeforeStillRead() throws Exception {
    Serializer jackson = serialization.serializerFor(Sample.class); // what logged them
    assertNotEquals(SensorEventSerializer.ID, jackson.identifier());
    byte[] old = jackson.toBinary(READING);
    Object read =
        serialization
            .deserialize(old, jackson.identifier(), Serializers.manifestFor(jackson, READING))
            .get();
    assertEquals(READING, read);
  }

  @Test
  void unknownOrCutShortBytesAreRefusedNamingWhy() {
    SensorEventSerializer serializer = new SensorEventSerializer(null);
    NotSerializableException unknown =
        assertThrows(
            NotSerializableException.class, () -> serializer.fromBinary(new byte[8], "X9"));
    assertTrue(unknown.getMessage().contains("'X9'"), unknown.getMessage());
    byte[] whole = serializer.toBinary(READING);
    NotSerializableException cut =
        assertThrows(
            NotSerializableException.class,
            () -> serializer.fromBinary(Arrays.copyOf(whole, 20), SensorEventSerializer.READING));
    assertTrue(cut.getMessage().contains("cut short"), cut.getMessage());
  }
}
