package io.forelight.frms.coordinator.alarms;

import java.time.Duration;
import java.util.Optional;

/**
 * What every {@link Alarm} entity of a node works with: the rules, where transitions are recorded,
 * the webhook (if one is configured) and how failed deliveries are retried.
 */
public record AlarmServices(
    AlarmRules rules,
    Delivery recorder,
    Optional<Delivery> webhook,
    Duration minBackoff,
    Duration maxBackoff) {}
