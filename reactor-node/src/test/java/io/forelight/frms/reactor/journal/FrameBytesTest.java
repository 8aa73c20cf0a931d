package io.forelight.frms.reactor.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The log's bytes must stay exactly what DataOutputStream wrote: logs on flash hold them. */
class FrameBytesTest {

  private static final List<String> STRINGS =
      List.of(
          "",
          "sensor-ph",
          "io.forelight.frms.reactor.sensor.Sensor$ReadingTaken",
          "5f0c6a2e-0d1b-4c1e-9a53-8d1c3e0f7b21",
          "nul\u0000inside",
          "°C µS/cm",
          "Ω€ 温度",
          "\uD83E\uDDEA test tube", // a surrogate pair: each half on its own, as writeUTF does
          "\uD800 lone surrogate",
          "\u007F\u0080\u07FF\u0800\uFFFF");

  @Test
  void writesWhatDataOutputStreamWrites() throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    FrameBytes actual = new FrameBytes(1); // grows from the smallest array
    try (DataOutputStream out = new DataOutputStream(expected)) {
      // twice: the second time each short string comes from the encoded strings kept
      for (String s : Stream.concat(STRINGS.stream(), STRINGS.stream()).toList()) {
        out.writeUTF(s);
        out.writeInt(s.length() * -7919);
        out.writeLong(s.hashCode() * 0x9E3779B97F4A7C15L);
        out.writeByte(s.length());
        out.writeBoolean(s.isEmpty());
        out.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.write(new byte[3]);
        actual.putUtf(s);
        actual.putInt(s.length() * -7919);
        actual.putLong(s.hashCode() * 0x9E3779B97F4A7C15L);
        actual.putByte(s.length());
        actual.putBoolean(s.isEmpty());
        actual.putBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        actual.putZeros(3);
      }
    }
    assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(actual.toByteArray()));
    assertEquals(STRINGS.get(0), in.readUTF());
  }

  @Test
  void aStringOfMoreThan65535EncodedBytesIsRefusedAndWritesNothing() throws IOException {
    FrameBytes out = new FrameBytes(16);
    out.putInt(42);
    String tooLong = "é".repeat(40_000); // 80,000 bytes encoded
    assertThrows(UTFDataFormatException.class, () -> out.putUtf(tooLong));
    assertEquals(4, out.size());
    out.putUtf("a".repeat(65_535)); // the largest that fits
    assertEquals(4 + 2 + 65_535, out.size());
  }
}
