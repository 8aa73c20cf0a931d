package io.forelight.frms.reactor.sensor;

/** Marker for messages, events and snapshots serialized with Jackson CBOR. */
public interface CborSerializable {}
