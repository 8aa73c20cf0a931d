package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * One reading as stored centrally. (reactor, sensorId, seq) is its identity, with the sequence
 * number the reactor's log gave it; the time is the reactor's clock.
 */
public record Reading(
    String sensorId,
    long seq,
    long takenAtMicros,
    double value,
    String unit,
    Quality quality,
    String detail)
    implements CborSerializable {}
