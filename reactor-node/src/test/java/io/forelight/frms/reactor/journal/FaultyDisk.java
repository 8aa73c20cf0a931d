package io.forelight.frms.reactor.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link LogDisk} on the real file system that fails like a card does: when {@link #full} is set,
 * writes that would grow a file fail with ENOSPC (overwriting bytes a file already has still works,
 * as on a real full disk); any write path can be made to fail once with {@link #failNext}; and
 * {@link #powerCut} drops every write that no {@code force()} covered.
 */
final class FaultyDisk implements LogDisk {

  /** The write paths of the log. */
  enum Operation {
    /** A write that grows a file (appending to a segment, creating the checkpoint file). */
    GROW,
    /** A write over bytes a file already has (a checkpoint slot). */
    OVERWRITE,
    FORCE,
    CREATE,
    DELETE,
    MOVE,
    SYNC_DIRECTORY
  }

  static final String NO_SPACE = "No space left on device";

  volatile boolean full;

  /** Forces do nothing, as if the log never called {@code force()} (to show a test catches it). */
  volatile boolean ignoreForce;

  private final Map<Operation, Integer> failures = new EnumMap<>(Operation.class);

  /** Each file's contents as of its last force (or when first opened): what a power cut leaves. */
  private final Map<Path, byte[]> durable = new HashMap<>();

  /**
   * A power cut: every file opened through this disk goes back to what its last {@code force()}
   * made durable; every write after that is lost. Call it after the log is closed or abandoned.
   */
  synchronized void powerCut() throws IOException {
    for (Map.Entry<Path, byte[]> file : durable.entrySet()) {
      if (Files.exists(file.getKey())) {
        Files.write(file.getKey(), file.getValue());
      }
    }
  }

  private synchronized void remember(Path path) throws IOException {
    durable.put(path, Files.readAllBytes(path));
  }

  /** The next call of this operation fails with "No space left on device". */
  synchronized void failNext(Operation operation) {
    failures.merge(operation, 1, Integer::sum);
  }

  /** Whether every failure asked for has happened. */
  synchronized boolean allFailuresHappened() {
    return failures.values().stream().allMatch(left -> left == 0);
  }

  private synchronized void check(Operation operation) throws IOException {
    Integer left = failures.get(operation);
    if (left != null && left > 0) {
      failures.put(operation, left - 1);
      throw new IOException(NO_SPACE + " (injected at " + operation + ")");
    }
  }

  @Override
  public FileChannel open(Path path, OpenOption... options) throws IOException {
    if (!Files.exists(path)) {
      check(Operation.CREATE);
    }
    FileChannel channel = FileChannel.open(path, options);
    if (Files.isDirectory(path)) {
      return channel;
    }
    synchronized (this) {
      if (!durable.containsKey(path)) {
        remember(path);
      }
    }
    return new Channel(path, channel);
  }

  @Override
  public void delete(Path path) throws IOException {
    check(Operation.DELETE);
    LogDisk.super.delete(path);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    check(Operation.MOVE);
    LogDisk.super.move(from, to);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    check(Operation.SYNC_DIRECTORY);
    LogDisk.super.syncDirectory(dir);
  }

  @Override
  public long usableSpace(Path dir) throws IOException {
    return full ? 0 : LogDisk.super.usableSpace(dir);
  }

  /** A file channel whose writes and forces pass the disk's checks first. */
  private final class Channel extends FileChannel {
    private final Path path;
    private final FileChannel inner;

    Channel(Path path, FileChannel inner) {
      this.path = path;
      this.inner = inner;
    }

    private void checkWrite(long position, int length) throws IOException {
      boolean grows = position + length > inner.size();
      if (grows && full) {
        throw new IOException(NO_SPACE);
      }
      check(grows ? Operation.GROW : Operation.OVERWRITE);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      checkWrite(position, src.remaining());
      return inner.write(src, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      checkWrite(inner.position(), src.remaining());
      return inner.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      throw new UnsupportedOperationException("the log writes one buffer at a time");
    }

    @Override
    public void force(boolean metaData) throws IOException {
      check(Operation.FORCE);
      if (!ignoreForce) {
        inner.force(metaData);
        remember(path);
      }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return inner.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return inner.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return inner.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return inner.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      inner.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return inner.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      inner.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return inner.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException("the log does not transfer into files");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return inner.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return inner.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return inner.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      inner.close();
    }
  }
}
