package io.forelight.frms.coordinator;

/** Marker for messages, events and snapshots serialized with Jackson CBOR. */
public interface CborSerializable {}
