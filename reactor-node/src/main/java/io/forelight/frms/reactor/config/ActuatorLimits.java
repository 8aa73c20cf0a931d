package io.forelight.frms.reactor.config;

import java.time.Duration;

/**
 * What an actuator may never do, whatever a loop or an operator asks: a duty above {@code maxDuty},
 * switching back on sooner than {@code minOffTime} after it went off, and for dosing pumps more
 * than {@code maxDosePerHourMl} in any hour or {@code maxDosePerRunMl} since the node started (runs
 * will reset it). {@code cycle} and {@code minPulse} shape time-proportioned on/off outputs; {@code
 * mlPerSecond} is a dosing pump's calibrated flow, which turns a dose into a pulse length.
 */
public record ActuatorLimits(
    double maxDuty,
    Duration minOffTime,
    Duration cycle,
    Duration minPulse,
    double mlPerSecond,
    double maxDosePerHourMl,
    double maxDosePerRunMl) {}
