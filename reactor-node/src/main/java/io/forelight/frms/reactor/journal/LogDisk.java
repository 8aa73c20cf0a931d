package io.forelight.frms.reactor.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * How the flash log reaches its files: every write path (segments, the checkpoint file, the folder)
 * goes through it, so tests can make any of them fail the way a full or dying card does.
 */
interface LogDisk {

  LogDisk REAL = new LogDisk() {};

  default FileChannel open(Path path, OpenOption... options) throws IOException {
    return FileChannel.open(path, options);
  }

  default void delete(Path path) throws IOException {
    Files.deleteIfExists(path);
  }

  default void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Makes the folder's entries (created, renamed and deleted files) durable. */
  default void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Bytes a new write could still take on the folder's disk. */
  default long usableSpace(Path dir) throws IOException {
    return Files.getFileStore(dir).getUsableSpace();
  }

  /** Size of the folder's disk. */
  default long totalSpace(Path dir) throws IOException {
    return Files.getFileStore(dir).getTotalSpace();
  }
}
