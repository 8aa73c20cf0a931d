package io.forelight.frms.reactor.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * What the flash log stores, and its byte layout. A record on disk is a frame: body length (int),
 * CRC32C of the body (int), body. A frame whose length or checksum does not hold is a torn or
 * corrupt write. One {@link Events} record holds one atomic write (all its events or none).
 */
sealed interface LogRecord permits LogRecord.Events, LogRecord.Checkpoint, LogRecord.Padding {

  int FRAME_HEADER_BYTES = 8;
  int MAX_BODY_BYTES = 8 * 1024 * 1024;
  byte TYPE_EVENTS = 1;
  byte TYPE_CHECKPOINT = 2;
  byte TYPE_PADDING = 3;

  /** Where one persistence id stood after a record: its id and highest sequence number. */
  record Mark(String persistenceId, long seq) {}

  /**
   * The events of one atomic write of one persistence id, in sequence order, and the {@link Mark}
   * of the record written just before it (null for the first, or in records written before marks
   * existed): so the highest sequence number a record wrote survives that record's damage.
   */
  record Events(String persistenceId, List<StoredEvent> events, Mark previous)
      implements LogRecord {

    Events(String persistenceId, List<StoredEvent> events) {
      this(persistenceId, events, null);
    }

    Events after(Mark mark) {
      return new Events(persistenceId, events, mark);
    }

    Mark mark() {
      return new Mark(persistenceId, lastSeq());
    }

    long firstSeq() {
      return events.get(0).seq();
    }

    long lastSeq() {
      return events.get(events.size() - 1).seq();
    }
  }

  /** Where each persistence id stands: highest sequence number written and acknowledged. */
  record Position(String persistenceId, long highestSeq, long acknowledgedSeq) {}

  /** A full or partial statement of positions; it outlives the segments it makes redundant. */
  record Checkpoint(List<Position> positions) implements LogRecord {}

  /**
   * Bytes that held damage, moved aside at recovery and overwritten by this record so every reader
   * steps over them; its body is the type byte and zeros.
   */
  record Padding(int frameBytes) implements LogRecord {}

  /** Smallest frame: a header and a one-byte body. */
  int MIN_FRAME_BYTES = FRAME_HEADER_BYTES + 1;

  /** The frame for a record: header and body, ready to append. */
  static byte[] frame(LogRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0);
      out.writeInt(0);
      if (record instanceof Events events) {
        out.writeByte(TYPE_EVENTS);
        out.writeUTF(events.persistenceId());
        out.writeInt(events.events().size());
        for (StoredEvent e : events.events()) {
          out.writeLong(e.seq());
          out.writeLong(e.timestampMillis());
          out.writeInt(e.serializerId());
          out.writeUTF(e.manifest());
          out.writeUTF(e.writerUuid());
          out.writeInt(e.payload().length);
          out.write(e.payload());
        }
        if (events.previous() != null) {
          out.writeBoolean(true);
          out.writeUTF(events.previous().persistenceId());
          out.writeLong(events.previous().seq());
        }
      } else if (record instanceof Padding padding) {
        out.writeByte(TYPE_PADDING);
        out.write(new byte[padding.frameBytes() - MIN_FRAME_BYTES]);
      } else if (record instanceof Checkpoint checkpoint) {
        out.writeByte(TYPE_CHECKPOINT);
        out.writeInt(checkpoint.positions().size());
        for (Position p : checkpoint.positions()) {
          out.writeUTF(p.persistenceId());
          out.writeLong(p.highestSeq());
          out.writeLong(p.acknowledgedSeq());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] frame = bytes.toByteArray();
    int bodyLength = frame.length - FRAME_HEADER_BYTES;
    if (bodyLength > MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          "a log record of " + bodyLength + " bytes exceeds the limit of " + MAX_BODY_BYTES);
    }
    CRC32C crc = new CRC32C();
    crc.update(frame, FRAME_HEADER_BYTES, bodyLength);
    putInt(frame, 0, bodyLength);
    putInt(frame, 4, (int) crc.getValue());
    return frame;
  }

  /** True when the body matches the checksum from its frame header. */
  static boolean checksumHolds(byte[] body, int expectedCrc) {
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    return (int) crc.getValue() == expectedCrc;
  }

  /** A persistence id as event records hold it (length-prefixed modified UTF-8). */
  static byte[] encodedId(String persistenceId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(persistenceId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** True if the body is an events record whose persistence id is not {@code encodedId}. */
  static boolean holdsEventsOfAnotherId(byte[] body, byte[] encodedId) {
    return body[0] == TYPE_EVENTS
        && !Arrays.equals(
            body, 1, Math.min(body.length, 1 + encodedId.length), encodedId, 0, encodedId.length);
  }

  /** Decodes a body whose checksum held; an unknown type or short body is an IOException. */
  static LogRecord decode(byte[] body) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
    byte type = in.readByte();
    if (type == TYPE_EVENTS) {
      String persistenceId = in.readUTF();
      int count = in.readInt();
      List<StoredEvent> events = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long seq = in.readLong();
        long timestamp = in.readLong();
        int serializerId = in.readInt();
        String manifest = in.readUTF();
        String writerUuid = in.readUTF();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        events.add(new StoredEvent(seq, timestamp, serializerId, manifest, writerUuid, payload));
      }
      Mark previous =
          in.available() > 0 && in.readBoolean() ? new Mark(in.readUTF(), in.readLong()) : null;
      return new Events(persistenceId, List.copyOf(events), previous);
    }
    if (type == TYPE_CHECKPOINT) {
      int count = in.readInt();
      List<Position> positions = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        positions.add(new Position(in.readUTF(), in.readLong(), in.readLong()));
      }
      return new Checkpoint(List.copyOf(positions));
    }
    if (type == TYPE_PADDING) {
      return new Padding(body.length + FRAME_HEADER_BYTES);
    }
    throw new IOException("unknown log record type " + type);
  }

  private static void putInt(byte[] target, int offset, int value) {
    target[offset] = (byte) (value >>> 24);
    target[offset + 1] = (byte) (value >>> 16);
    target[offset + 2] = (byte) (value >>> 8);
    target[offset + 3] = (byte) value;
  }
}
