package io.forelight.frms.reactor.journal;

import java.nio.file.Path;

/**
 * Unreadable bytes found in a segment when the log was opened: where they were, why they could not
 * be read, and where a copy was put for inspection (null if none could be written). The records
 * they held are lost; every valid record before and after them was kept, and the sequence numbers
 * they used are never used again.
 */
public record LogDamage(Path segment, long from, long to, String problem, Path movedTo) {

  /** "bytes 4096..4310 of 00000000000000000003.log (checksum mismatch), copied to …". */
  public String describe() {
    return "bytes "
        + from
        + ".."
        + to
        + " of "
        + segment.getFileName()
        + " ("
        + problem
        + (movedTo == null ? "), no copy kept" : "), copied to " + movedTo);
  }
}
