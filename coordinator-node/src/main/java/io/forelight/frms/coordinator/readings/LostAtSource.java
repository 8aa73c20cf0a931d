package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.CborSerializable;

/**
 * Readings a reactor sampled but could not keep (its log was full), reported under one sequence
 * number: {@code count} readings taken from {@code fromMicros} to {@code toMicros}, and why.
 */
public record LostAtSource(long fromMicros, long toMicros, long count, String reason)
    implements CborSerializable {}
