package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class SilenceTimeoutTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration TIMEOUT = Duration.ofMillis(200);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** A subscriber that asks for nothing until told to, and keeps how the stream ended. */
  private static final class SlowSubscriber implements Subscriber<String> {
    final CompletableFuture<Subscription> subscription = new CompletableFuture<>();
    final CompletableFuture<Throwable> failed = new CompletableFuture<>();

    @Override
    public void onSubscribe(Subscription s) {
      subscription.complete(s);
    }

    @Override
    public void onNext(String element) {}

    @Override
    public void onError(Throwable error) {
      failed.complete(error);
    }

    @Override
    public void onComplete() {}
  }

  @Test
  void aSilentReactorFailsTheStreamWhileAsked() throws Exception {
    CompletableFuture<Throwable> failed =
        Source.<String>maybe()
            .via(new SilenceTimeout<>(TIMEOUT))
            .runWith(Sink.head(), testKit.system())
            .handle((head, error) -> error)
            .toCompletableFuture();

    Throwable error = failed.get(5, TimeUnit.SECONDS);
    assertInstanceOf(TimeoutException.class, error);
    assertTrue(error.getMessage().contains("while asked for more"), error.getMessage());
  }

  @Test
  void timeSpentNotAskingIsNotSilence() throws Exception {
    SlowSubscriber subscriber = new SlowSubscriber();
    Source.<String>maybe()
        .via(new SilenceTimeout<>(TIMEOUT))
        .runWith(Sink.fromSubscriber(subscriber), testKit.system());
    Subscription subscription = subscriber.subscription.get(5, TimeUnit.SECONDS);

    // not asking for five timeouts (the link waiting its turn to store): the stream lives on
    assertThrows(
        TimeoutException.class,
        () -> subscriber.failed.get(TIMEOUT.toMillis() * 5, TimeUnit.MILLISECONDS));

    subscription.request(1);
    Throwable error = subscriber.failed.get(5, TimeUnit.SECONDS);
    assertInstanceOf(TimeoutException.class, error);
  }

  @Test
  void readingsAndHeartbeatsKeepTheStreamAlive() throws Exception {
    CompletableFuture<Integer> count =
        Source.tick(Duration.ZERO, TIMEOUT.dividedBy(4), "heartbeat")
            .take(12)
            .via(new SilenceTimeout<>(TIMEOUT))
            .runWith(Sink.fold(0, (n, element) -> n + 1), testKit.system())
            .toCompletableFuture();

    assertEquals(12, count.get(5, TimeUnit.SECONDS));
  }
}
