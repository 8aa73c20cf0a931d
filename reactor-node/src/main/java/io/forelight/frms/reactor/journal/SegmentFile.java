package io.forelight.frms.reactor.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One file of the flash log: a header (magic number and format version), then records appended at
 * its end and made durable with {@link #sync}; readers see only what a sync has covered ({@link
 * #durableSize}). Files written before the header existed (format 0) start with their first record.
 */
final class SegmentFile implements AutoCloseable {

  private static final int READ_BUFFER_BYTES = 64 * 1024;

  /** "FRLG": larger than any record length, so a file without a header never starts with it. */
  static final int MAGIC = 0x46524C47;

  static final int FORMAT_VERSION = 1;
  static final int HEADER_BYTES = 8;

  final long id;
  final Path path;
  private final FileChannel channel;
  private final long firstRecord;
  private long size;
  private volatile long durableSize;

  private SegmentFile(long id, Path path, FileChannel channel, long firstRecord, long size) {
    this.id = id;
    this.path = path;
    this.channel = channel;
    this.firstRecord = firstRecord;
    this.size = size;
    this.durableSize = size;
  }

  static String fileName(long id) {
    return String.format("%020d.log", id);
  }

  /**
   * Opens a segment, writing the header of a new one (durable with the first sync). A file shorter
   * than a header holds no record yet: a crash interrupted its creation, and it starts again.
   */
  static SegmentFile open(LogDisk disk, Path dir, long id) throws IOException {
    Path path = dir.resolve(fileName(id));
    FileChannel channel =
        disk.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long size = channel.size();
      if (size < HEADER_BYTES) {
        channel.truncate(0);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(FORMAT_VERSION);
        header.flip();
        while (header.hasRemaining()) {
          channel.write(header, header.position());
        }
        return new SegmentFile(id, path, channel, HEADER_BYTES, HEADER_BYTES);
      }
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
        // reads until the header is complete (the file is long enough)
      }
      if (header.getInt(0) != MAGIC) {
        return new SegmentFile(id, path, channel, 0, size);
      }
      int version = header.getInt(4);
      if (version != FORMAT_VERSION) {
        throw new IOException(
            path
                + " is a flash log segment of format version "
                + version
                + "; this FRMS reads versions 0 to "
                + FORMAT_VERSION
                + " (was the card written by a newer FRMS?)");
      }
      return new SegmentFile(id, path, channel, HEADER_BYTES, size);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Where the first record starts: after the header, or at 0 in a file of format 0. */
  long firstRecord() {
    return firstRecord;
  }

  long size() {
    return size;
  }

  long durableSize() {
    return durableSize;
  }

  /**
   * Appends frames after the current end in one write (one system call for a whole commit, not one
   * per record). Not durable until sync.
   */
  void append(List<byte[]> frames) throws IOException {
    int bytes = frames.stream().mapToInt(frame -> frame.length).sum();
    ByteBuffer buffer = ByteBuffer.allocate(bytes);
    frames.forEach(buffer::put);
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer, size + buffer.position());
    }
    size += bytes;
  }

  void sync() throws IOException {
    channel.force(false);
    durableSize = size;
  }

  /** The bytes from {@code from} to {@code to} (recovery reads damaged ranges whole). */
  byte[] readBytes(long from, long to) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(to - from));
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, from + bytes.position()) < 0) {
        throw new IOException("unexpected end of " + path + " at " + (from + bytes.position()));
      }
    }
    return bytes.array();
  }

  /** Writes over bytes the file already has and forces them (recovery pads damaged ranges). */
  void overwrite(long position, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer, position + buffer.position());
    }
    channel.force(false);
  }

  /** Cuts off a torn tail found at recovery, or a write that failed. */
  void truncate(long newSize) throws IOException {
    channel.truncate(newSize);
    channel.force(true);
    size = newSize;
    durableSize = newSize;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Reads frames one after another from a position up to a limit. */
  Reader reader(long position, long limit) {
    return new Reader(position, limit, null);
  }

  /**
   * A reader that decodes only the events of one persistence id (and checkpoints): frames of other
   * ids are checked but come back without a record, which saves decoding the other sensors' events
   * that sit between this one's.
   */
  Reader reader(long position, long limit, String onlyPersistenceId) {
    return new Reader(position, limit, LogRecord.encodedId(onlyPersistenceId));
  }

  /**
   * A frame read back: its position, and its decoded record (null if the reader skipped it) or why
   * it could not be read.
   */
  record Frame(long position, long nextPosition, LogRecord record, String problem) {
    boolean valid() {
      return problem == null;
    }
  }

  final class Reader {
    private final long limit;
    private long position;
    private final ByteBuffer header = ByteBuffer.allocate(LogRecord.FRAME_HEADER_BYTES);
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private long bufferStart = 0;
    private final byte[] onlyId;

    private Reader(long position, long limit, byte[] onlyId) {
      this.position = position;
      this.limit = limit;
      this.onlyId = onlyId;
      buffer.limit(0);
    }

    long position() {
      return position;
    }

    /** The next frame, or null at the limit. A frame that does not hold comes back invalid. */
    Frame next() throws IOException {
      if (position >= limit) {
        return null;
      }
      long start = position;
      if (limit - start < LogRecord.FRAME_HEADER_BYTES) {
        return new Frame(start, limit, null, "incomplete frame header");
      }
      header.clear();
      read(start, header);
      int bodyLength = header.getInt(0);
      int crc = header.getInt(4);
      if (bodyLength <= 0 || bodyLength > LogRecord.MAX_BODY_BYTES) {
        return new Frame(start, limit, null, "impossible record length " + bodyLength);
      }
      long bodyStart = start + LogRecord.FRAME_HEADER_BYTES;
      if (limit - bodyStart < bodyLength) {
        return new Frame(start, limit, null, "record cut short");
      }
      ByteBuffer body = ByteBuffer.allocate(bodyLength);
      read(bodyStart, body);
      if (!LogRecord.checksumHolds(body.array(), crc)) {
        return new Frame(start, limit, null, "checksum mismatch");
      }
      position = bodyStart + bodyLength;
      if (onlyId != null && LogRecord.holdsEventsOfAnotherId(body.array(), onlyId)) {
        return new Frame(start, position, null, null);
      }
      try {
        return new Frame(start, position, LogRecord.decode(body.array()), null);
      } catch (IOException e) {
        return new Frame(start, limit, null, "undecodable record: " + e.getMessage());
      }
    }

    private void read(long at, ByteBuffer target) throws IOException {
      int wanted = target.remaining();
      if (wanted > buffer.capacity()) {
        readFully(at, target);
        return;
      }
      long bufferEnd = bufferStart + buffer.limit();
      if (at < bufferStart || at + wanted > bufferEnd) {
        buffer.clear();
        int max = (int) Math.min(buffer.capacity(), limit - at);
        buffer.limit(max);
        readFully(at, buffer);
        buffer.flip();
        bufferStart = at;
      }
      ByteBuffer slice = buffer.duplicate();
      slice.position((int) (at - bufferStart));
      slice.limit(slice.position() + wanted);
      target.put(slice);
      target.flip();
    }

    private void readFully(long at, ByteBuffer target) throws IOException {
      long offset = at;
      while (target.hasRemaining()) {
        int n = channel.read(target, offset);
        if (n < 0) {
          throw new IOException("unexpected end of " + path + " at " + offset);
        }
        offset += n;
      }
      if (target != buffer) {
        target.flip();
      }
    }
  }
}
