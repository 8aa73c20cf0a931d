package io.forelight.frms.coordinator;

import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The receive of an actor a coordinator keeps one of per reactor: every message to one method and
 * every signal to another, instead of a {@code ReceiveBuilder}, whose case, lambda and list cell
 * per message type are made again in every actor (~80 bytes each: a kilobyte per reactor for the
 * link actor alone). The methods tell the messages of their sealed command type apart with {@code
 * instanceof}; what they do not handle they answer with {@link Behaviors#unhandled()}.
 */
public final class ReceiveInOneMethod<T> extends Receive<T> {

  private final Function<T, Behavior<T>> onMessage;
  private final Function<Signal, Behavior<T>> onSignal;

  public ReceiveInOneMethod(
      Function<T, Behavior<T>> onMessage, Function<Signal, Behavior<T>> onSignal) {
    this.onMessage = onMessage;
    this.onSignal = onSignal;
  }

  @Override
  public Behavior<T> receiveMessage(T message) {
    return onMessage.apply(message);
  }

  @Override
  public Behavior<T> receiveSignal(Signal signal) {
    return onSignal.apply(signal);
  }
}
