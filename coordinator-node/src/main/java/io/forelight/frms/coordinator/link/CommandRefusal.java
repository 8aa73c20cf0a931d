package io.forelight.frms.coordinator.link;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * Whether a failed command call was the reactor refusing the command itself (gRPC {@code
 * INVALID_ARGUMENT}): sending it again cannot succeed, so it is settled as rejected instead of
 * blocking the outbox. Any other failure (unreachable, timeout, unavailable) is retried.
 */
final class CommandRefusal {

  private CommandRefusal() {}

  /** The reactor's reason, if the call failed because it refused the command as invalid. */
  static Optional<String> reason(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException refused) {
        return refused.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
            ? Optional.of(String.valueOf(refused.getStatus().getDescription()))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
