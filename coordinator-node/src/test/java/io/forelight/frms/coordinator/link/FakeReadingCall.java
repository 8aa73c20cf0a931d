package io.forelight.frms.coordinator.link;

import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reactor's side of a reading stream without a network: hands out its batches one per batch asked
 * for (each {@code pace} after the ask), then ends the call OK; or, with none, stays silent. Keeps
 * what the link asked and whether it cancelled.
 */
final class FakeReadingCall extends ClientCall<StreamReadingsRequest, ReadingBatch> {

  private static final ScheduledExecutorService network =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "fake-reactor");
            thread.setDaemon(true);
            return thread;
          });

  private final Deque<ReadingBatch> batches;
  private final boolean endsWhenDone;
  private final Duration pace;
  private Listener<ReadingBatch> listener;
  final CompletableFuture<StreamReadingsRequest> request = new CompletableFuture<>();
  final AtomicInteger asked = new AtomicInteger();
  final CompletableFuture<String> cancelled = new CompletableFuture<>();

  private FakeReadingCall(List<ReadingBatch> batches, boolean endsWhenDone, Duration pace) {
    this.batches = new ArrayDeque<>(batches);
    this.endsWhenDone = endsWhenDone;
    this.pace = pace;
  }

  /** Sends {@code batches} as asked, then ends the stream. */
  static FakeReadingCall sending(List<ReadingBatch> batches, Duration pace) {
    return new FakeReadingCall(batches, true, pace);
  }

  /** Sends nothing, ever. */
  static FakeReadingCall silent() {
    return new FakeReadingCall(List.of(), false, Duration.ZERO);
  }

  @Override
  public void start(Listener<ReadingBatch> listener, Metadata headers) {
    this.listener = listener;
  }

  @Override
  public void request(int count) {
    asked.addAndGet(count);
    network.schedule(this::answer, pace.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void answer() {
    if (cancelled.isDone()) {
      return;
    }
    ReadingBatch next = batches.poll();
    if (next != null) {
      listener.onMessage(next);
    } else if (endsWhenDone) {
      listener.onClose(Status.OK, new Metadata());
    }
  }

  @Override
  public synchronized void cancel(String message, Throwable cause) {
    if (cancelled.complete(message)) {
      network.execute(
          () -> listener.onClose(Status.CANCELLED.withDescription(message), new Metadata()));
    }
  }

  @Override
  public void halfClose() {}

  @Override
  public void sendMessage(StreamReadingsRequest message) {
    request.complete(message);
  }
}
