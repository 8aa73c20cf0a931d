package io.forelight.frms.reliability;

/**
 * A reading as a reactor logged it, or as the coordinator stored it: the invariant compares them.
 */
record LoggedReading(long seq, long takenAtMicros, Double value, String quality) {}
