package io.forelight.frms.coordinator.history;

/**
 * A run of stored sequence numbers of one sensor, {@code fromSeq..toSeq} with no gap, in one of its
 * sequences, and how many rows hold them (fewer than the numbers when a lost-at-source row stands
 * for several). Kept up to date as readings are written, so completeness reads a few of these
 * instead of every row.
 */
public record StoredRange(String sensorId, int sequence, long fromSeq, long toSeq, long rows) {

  /** Whether this range ends right before {@code seq}: a reading there extends it. */
  boolean endsBefore(long seq) {
    return toSeq == seq - 1;
  }
}
