package io.forelight.frms.coordinator.alarms;

/** What the HTTP API reads of alarms: the read model and the rules this node runs. */
public record Alarms(AlarmStore store, AlarmRules rules) {}
