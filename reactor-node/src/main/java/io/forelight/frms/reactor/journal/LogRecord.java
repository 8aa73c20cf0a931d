package io.forelight.frms.reactor.journal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
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
    FrameBytes out = new FrameBytes(256);
    try {
      out.putInt(0); // body length and checksum, set below
      out.putInt(0);
      if (record instanceof Events events) {
        out.putByte(TYPE_EVENTS);
        out.putUtf(events.persistenceId());
        out.putInt(events.events().size());
        for (StoredEvent e : events.events()) {
          out.putLong(e.seq());
          out.putLong(e.timestampMillis());
          out.putInt(e.serializerId());
          out.putUtf(e.manifest());
          out.putUtf(e.writerUuid());
          out.putInt(e.payload().length);
          out.putBytes(e.payload());
        }
        if (events.previous() != null) {
          out.putBoolean(true);
          out.putUtf(events.previous().persistenceId());
          out.putLong(events.previous().seq());
        }
      } else if (record instanceof Padding padding) {
        out.putByte(TYPE_PADDING);
        out.putZeros(padding.frameBytes() - MIN_FRAME_BYTES);
      } else if (record instanceof Checkpoint checkpoint) {
        out.putByte(TYPE_CHECKPOINT);
        out.putInt(checkpoint.positions().size());
        for (Position p : checkpoint.positions()) {
          out.putUtf(p.persistenceId());
          out.putLong(p.highestSeq());
          out.putLong(p.acknowledgedSeq());
        }
      }
    } catch (UTFDataFormatException e) {
      throw new IllegalArgumentException("a log record's string is too long: " + e.getMessage(), e);
    }
    int bodyLength = out.size() - FRAME_HEADER_BYTES;
    if (bodyLength > MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          "a log record of " + bodyLength + " bytes exceeds the limit of " + MAX_BODY_BYTES);
    }
    CRC32C crc = new CRC32C();
    crc.update(out.array(), FRAME_HEADER_BYTES, bodyLength);
    out.setInt(0, bodyLength);
    out.setInt(4, (int) crc.getValue());
    return out.toByteArray();
  }

  /** True when the body matches the checksum from its frame header. */
  static boolean checksumHolds(byte[] body, int expectedCrc) {
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    return (int) crc.getValue() == expectedCrc;
  }

  /** A persistence id as event records hold it (length-prefixed modified UTF-8). */
  static byte[] encodedId(String persistenceId) {
    FrameBytes out = new FrameBytes(2 + persistenceId.length());
    try {
      out.putUtf(persistenceId);
    } catch (UTFDataFormatException e) {
      throw new IllegalArgumentException("persistence id too long: " + e.getMessage(), e);
    }
    return out.toByteArray();
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
}
