package io.forelight.frms.reactor.journal;

import io.forelight.frms.reactor.journal.LogRecord.Checkpoint;
import io.forelight.frms.reactor.journal.LogRecord.Position;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the flash log keeps every id's position (highest and acknowledged sequence number): a small
 * file of two slots, filled with zeros when the log is created and from then on overwritten in
 * place, one slot after the other. Overwriting allocated bytes needs no free space, so
 * acknowledging (and then deleting acknowledged segments) works on a full disk. A slot is: magic,
 * format version, generation, the log's incarnation, frame length, CRC32C of generation,
 * incarnation and frame, and the checkpoint's frame. Opening takes the valid slot with the highest
 * generation, so a write torn by a power cut spoils only the slot it was writing.
 *
 * <p>The <b>incarnation</b> is a random id made when the log is made. Sequence numbers continue
 * only within one incarnation: a log created afresh (a wiped card, a new board) or recreated
 * because no slot of this file could be read is a new incarnation, so the coordinator stores its
 * readings as their own sequence instead of taking them for a continuation of the old one. A slot
 * of format version 1 (before incarnations) is read and the log gets its incarnation then.
 */
final class CheckpointFile implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CheckpointFile.class);

  static final String NAME = "positions.ckp";
  static final int MAGIC = 0x46524d43; // "FRMC"
  static final int VERSION = 2;
  private static final int VERSION_WITHOUT_INCARNATION = 1;
  static final int SLOT_HEADER_BYTES = 4 + 4 + 8 + 16 + 4 + 4;
  private static final int V1_HEADER_BYTES = 4 + 4 + 8 + 4 + 4;
  static final int FIRST_SLOT_BYTES = 64 * 1024;

  private final LogDisk disk;
  private final Path path;
  private FileChannel channel;
  private int slotBytes;
  private long generation;
  private List<Position> recovered = List.of();
  private UUID incarnation;
  private boolean anySlotFound;

  private CheckpointFile(LogDisk disk, Path path) {
    this.disk = disk;
    this.path = path;
  }

  /**
   * Opens the folder's checkpoint file, creating it (zero-filled, durable) if there is none. A log
   * without an incarnation yet (a new file, no readable slot, or a version 1 slot) gets a new one,
   * written at once so that it survives the next crash.
   */
  static CheckpointFile open(LogDisk disk, Path dir) throws IOException {
    CheckpointFile file = new CheckpointFile(disk, dir.resolve(NAME));
    boolean created = !Files.exists(file.path);
    if (created) {
      file.create(FIRST_SLOT_BYTES, null);
    }
    file.channel = disk.open(file.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    file.readSlots();
    if (file.incarnation == null) {
      file.incarnation = UUID.randomUUID();
      if (!created) {
        log.warn(
            "flash log {}: {}; it is log incarnation {} from now on",
            dir,
            file.anySlotFound
                ? "its checkpoint file predates log incarnations"
                : "no slot of its checkpoint file can be read",
            file.incarnation);
      }
      file.write(file.recovered);
    }
    return file;
  }

  /** The positions of the latest valid slot (empty for a new file). */
  List<Position> recovered() {
    return recovered;
  }

  /** The log's incarnation (see the class comment). */
  UUID incarnation() {
    return incarnation;
  }

  /** Overwrites the older slot with these positions and forces it to the disk. */
  void write(List<Position> positions) throws IOException {
    byte[] frame = LogRecord.frame(new Checkpoint(List.copyOf(positions)));
    long next = generation + 1;
    if (SLOT_HEADER_BYTES + frame.length > slotBytes) {
      grow(next, frame);
      return;
    }
    ByteBuffer slot = slot(next, frame);
    long at = (next % 2) * slotBytes;
    while (slot.hasRemaining()) {
      channel.write(slot, at + slot.position());
    }
    channel.force(false);
    generation = next;
  }

  /**
   * More ids than a slot holds: a new, larger file written beside this one and moved over it. This
   * needs free space, as the log's first start did; it happens once per doubling.
   */
  private void grow(long next, byte[] frame) throws IOException {
    int bytes = slotBytes;
    while (SLOT_HEADER_BYTES + frame.length > bytes) {
      bytes *= 2;
    }
    log.info("flash log {}: checkpoint slots grow to {} KiB", path.getParent(), bytes / 1024);
    channel.close();
    create(bytes, slot(next, frame));
    channel = disk.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    slotBytes = bytes;
    generation = next;
  }

  /** Writes a zero-filled file of two slots (the first holding {@code first}) and moves it here. */
  private void create(int bytesPerSlot, ByteBuffer first) throws IOException {
    Path temporary = path.resolveSibling(NAME + ".new");
    try (FileChannel out =
        disk.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer content = ByteBuffer.allocate(2 * bytesPerSlot);
      if (first != null) {
        long slotIndex = (first.getLong(8) % 2);
        content.position((int) slotIndex * bytesPerSlot);
        content.put(first);
      }
      content.clear();
      while (content.hasRemaining()) {
        out.write(content, content.position());
      }
      out.force(true);
    }
    disk.move(temporary, path);
    disk.syncDirectory(path.getParent());
  }

  private void readSlots() throws IOException {
    long size = channel.size();
    slotBytes = (int) Math.max(SLOT_HEADER_BYTES, size / 2);
    generation = 0;
    for (int index = 0; index < 2; index++) {
      ByteBuffer bytes = ByteBuffer.allocate(slotBytes);
      while (bytes.hasRemaining()) {
        if (channel.read(bytes, (long) index * slotBytes + bytes.position()) < 0) {
          break;
        }
      }
      readSlot(bytes.array(), index);
    }
  }

  private void readSlot(byte[] bytes, int index) {
    ByteBuffer slot = ByteBuffer.wrap(bytes);
    if (slot.getInt(0) != MAGIC) {
      return; // never written (zeros) or not ours
    }
    int version = slot.getInt(4);
    if (version != VERSION && version != VERSION_WITHOUT_INCARNATION) {
      log.warn("{}: slot {} has format version {}, skipped", path, index, version);
      return;
    }
    int header = version == VERSION ? SLOT_HEADER_BYTES : V1_HEADER_BYTES;
    long slotGeneration = slot.getLong(8);
    int length = slot.getInt(header - 8);
    if (length < LogRecord.FRAME_HEADER_BYTES || header + length > bytes.length) {
      log.warn("{}: slot {} has an impossible length {}, skipped", path, index, length);
      return;
    }
    if (crc(bytes, 8, header - 16, bytes, header, length) != slot.getInt(header - 4)) {
      log.warn("{}: slot {} fails its checksum (a torn write), skipped", path, index);
      return;
    }
    anySlotFound = true;
    if (slotGeneration <= generation) {
      return;
    }
    byte[] body = Arrays.copyOfRange(bytes, header + LogRecord.FRAME_HEADER_BYTES, header + length);
    try {
      if (LogRecord.decode(body) instanceof Checkpoint checkpoint) {
        recovered = checkpoint.positions();
        generation = slotGeneration;
        incarnation = version == VERSION ? new UUID(slot.getLong(16), slot.getLong(24)) : null;
      }
    } catch (IOException e) {
      log.warn("{}: slot {} cannot be decoded ({}), skipped", path, index, e.getMessage());
    }
  }

  private ByteBuffer slot(long generation, byte[] frame) {
    ByteBuffer slot = ByteBuffer.allocate(SLOT_HEADER_BYTES + frame.length);
    slot.putInt(MAGIC).putInt(VERSION).putLong(generation);
    slot.putLong(incarnation.getMostSignificantBits())
        .putLong(incarnation.getLeastSignificantBits());
    slot.putInt(frame.length);
    slot.putInt(crc(slot.array(), 8, 8 + 16, frame, 0, frame.length));
    slot.put(frame);
    return slot.flip();
  }

  private static int crc(
      byte[] header, int headerFrom, int headerLength, byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(header, headerFrom, headerLength);
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
