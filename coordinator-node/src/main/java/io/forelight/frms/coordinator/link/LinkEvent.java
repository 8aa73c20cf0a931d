package io.forelight.frms.coordinator.link;

/** What a {@link ReactorLink} tells the entity that owns it. */
public sealed interface LinkEvent {

  /** The reactor described itself (on every connect, and now and then while connected). */
  record Described(ReactorInfo info) implements LinkEvent {}

  /** The link went up (live or catching up) or down (unreachable). */
  record StatusChanged(LinkState.Status status, String detail) implements LinkEvent {}

  /** The reactor answered a command of the outbox: applied, or rejected with a reason. */
  record CommandSettled(String key, boolean applied, String reason) implements LinkEvent {}
}
