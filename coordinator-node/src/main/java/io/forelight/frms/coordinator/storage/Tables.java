package io.forelight.frms.coordinator.storage;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Whether the node's tables exist yet, for its readiness check: a fresh keyspace takes 30-40 s of
 * schema statements, during which every request that needs a table waits. Not ready until the
 * creation the node started has completed; until one started, nothing to say.
 */
public final class Tables implements Extension {

  public static final ExtensionId<Tables> ID =
      new ExtensionId<>() {
        @Override
        public Tables createExtension(ActorSystem<?> system) {
          return new Tables(System::nanoTime);
        }
      };

  private final LongSupplier nanos;
  private volatile String keyspace;
  private volatile long startedNanos;
  private volatile boolean ready;
  private volatile String lastError;

  Tables(LongSupplier nanos) {
    this.nanos = nanos;
  }

  public static Tables get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** The node started creating the tables of {@code keyspace}; {@code created} completes then. */
  public void creating(String keyspace, CompletionStage<Done> created) {
    this.keyspace = keyspace;
    this.startedNanos = nanos.getAsLong();
    created.thenRun(() -> ready = true);
  }

  /** The last try failed with {@code error}: the creation is retried. */
  public void failedOnce(Throwable error) {
    lastError = error.getMessage() == null ? error.toString() : error.getMessage();
  }

  /** Why the tables are not ready, if they are not. */
  public Optional<String> problem() {
    if (keyspace == null || ready) {
      return Optional.empty();
    }
    long seconds = (nanos.getAsLong() - startedNanos) / 1_000_000_000L;
    return Optional.of(
        "the tables of keyspace "
            + keyspace
            + " are being created ("
            + seconds
            + " s so far"
            + (lastError == null ? "" : "; the last try failed: " + lastError)
            + ")");
  }
}
