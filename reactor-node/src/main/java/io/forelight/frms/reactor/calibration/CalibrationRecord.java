package io.forelight.frms.reactor.calibration;

import io.forelight.frms.reactor.sensor.CborSerializable;

/**
 * One calibration point applied to a probe: the version it started, what was sent, by whom and
 * when, what the probe held afterwards and how settled its reading was when the point went.
 */
public record CalibrationRecord(
    int version,
    String key,
    CalibrationPoint point,
    double value,
    String issuedBy,
    long atMicros,
    ProbeState probe,
    String stability)
    implements CborSerializable {}
