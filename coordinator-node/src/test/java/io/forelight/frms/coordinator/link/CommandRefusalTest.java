package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Only the reactor refusing a command as invalid settles it; other failures are retried. */
class CommandRefusalTest {

  @Test
  void anInvalidArgumentFromTheReactorIsARefusalWithItsReason() {
    Throwable refused =
        new CompletionException(
            Status.INVALID_ARGUMENT
                .withDescription("add_sensor needs a unit: kind 'humidity' has none")
                .asRuntimeException());
    assertEquals(
        Optional.of("add_sensor needs a unit: kind 'humidity' has none"),
        CommandRefusal.reason(refused));
  }

  @Test
  void unreachableUnavailableAndTimeoutsAreRetried() {
    assertEquals(
        Optional.empty(),
        CommandRefusal.reason(Status.UNAVAILABLE.withDescription("io").asRuntimeException()));
    assertEquals(
        Optional.empty(),
        CommandRefusal.reason(
            new CompletionException(Status.DEADLINE_EXCEEDED.asRuntimeException())));
    assertEquals(Optional.empty(), CommandRefusal.reason(new TimeoutException("ask")));
  }
}
