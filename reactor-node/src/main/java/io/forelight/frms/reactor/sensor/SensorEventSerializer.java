package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import io.forelight.frms.reactor.sensor.Sensor.ReadingsLost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * A sensor's events as the flash log keeps them: fixed fields in a few dozen bytes, written and
 * read without reflection (Jackson CBOR wrote every field's name into every record, and showed in
 * about a tenth of a profile's samples of the sampling path). Events logged before, by Jackson,
 * still read: each stored event names the serializer that wrote it. A field added later needs a new
 * manifest; the old ones must keep reading.
 */
public final class SensorEventSerializer extends SerializerWithStringManifest {

  /** Unique among the node's serializers; stored with every event it wrote. */
  public static final int ID = 7301;

  static final String READING = "R1";
  static final String LOST = "L1";

  public SensorEventSerializer(ExtendedActorSystem system) {}

  @Override
  public int identifier() {
    return ID;
  }

  @Override
  public String manifest(Object event) {
    if (event instanceof ReadingTaken) {
      return READING;
    }
    if (event instanceof ReadingsLost) {
      return LOST;
    }
    throw notASensorEvent(event);
  }

  private static IllegalArgumentException notASensorEvent(Object event) {
    return new IllegalArgumentException(
        "SensorEventSerializer writes sensor events only, not " + event.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (event instanceof ReadingTaken r) {
        out.writeLong(r.seq());
        out.writeLong(r.takenAtMicros());
        out.writeDouble(r.value());
        writeText(out, r.unit());
        out.writeByte(r.quality().ordinal());
        writeOptional(out, r.detail());
        out.writeInt(r.calibration());
      } else if (event instanceof ReadingsLost l) {
        out.writeLong(l.seq());
        out.writeLong(l.fromMicros());
        out.writeLong(l.toMicros());
        out.writeLong(l.count());
        writeOptional(out, l.reason());
      } else {
        throw notASensorEvent(event);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      return switch (manifest) {
        case READING ->
            new ReadingTaken(
                in.readLong(),
                in.readLong(),
                in.readDouble(),
                readText(in),
                quality(in.readByte()),
                readOptional(in),
                in.readInt());
        case LOST ->
            new ReadingsLost(
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), readOptional(in));
        default ->
            throw new NotSerializableException(
                "unknown sensor event manifest '" + manifest + "' (known: R1, L1)");
      };
    } catch (IOException e) {
      NotSerializableException failure =
          new NotSerializableException(
              "sensor event '" + manifest + "' of " + bytes.length + " bytes is cut short");
      failure.initCause(e);
      throw failure;
    }
  }

  // Quality's order is part of the stored form: append new qualities, never reorder.
  private static Quality quality(byte ordinal) throws IOException {
    Quality[] all = Quality.values();
    if (ordinal < 0 || ordinal >= all.length) {
      throw new IOException("unknown quality " + ordinal);
    }
    return all[ordinal];
  }

  private static void writeOptional(DataOutputStream out, String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      writeText(out, text);
    }
  }

  private static String readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? readText(in) : null;
  }

  /** UTF-8 with its length: no 64 KB limit (a driver's error message can be long). */
  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a text of " + length + " bytes where " + in.available() + " remain");
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
