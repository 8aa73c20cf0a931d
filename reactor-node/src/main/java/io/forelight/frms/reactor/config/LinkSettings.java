package io.forelight.frms.reactor.config;

import java.time.Duration;

/**
 * Where the reactor serves its gRPC link, the bounds of the batches it streams, and the fleet it
 * belongs to (empty: the first coordinator's, see the link's FleetBinding).
 */
public record LinkSettings(
    String interfaceAddress, int port, int maxBatchSize, Duration maxLinger, String fleetId) {}
