package io.forelight.frms.reactor.journal;

/** One event as the flash log stores it: sequence number, write time and serialized payload. */
public record StoredEvent(
    long seq,
    long timestampMillis,
    int serializerId,
    String manifest,
    String writerUuid,
    byte[] payload) {}
