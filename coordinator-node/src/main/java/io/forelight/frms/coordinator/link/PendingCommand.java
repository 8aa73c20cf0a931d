package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.CborSerializable;

/** A command waiting in a Reactor entity's outbox: its idempotency key, who asked, what. */
public record PendingCommand(
    String key, String issuedBy, long queuedAtMillis, ReactorCommand command)
    implements CborSerializable {}
