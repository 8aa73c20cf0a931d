package io.forelight.frms.reactor.config;

import java.time.Duration;

/** Where the reactor serves its gRPC link, and the bounds of the batches it streams. */
public record LinkSettings(
    String interfaceAddress, int port, int maxBatchSize, Duration maxLinger) {}
