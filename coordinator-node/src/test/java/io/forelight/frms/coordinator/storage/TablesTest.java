package io.forelight.frms.coordinator.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;

class TablesTest {

  @Test
  void notReadyWhileTheTablesAreCreatedSayingForHowLongAndWhatFailed() {
    AtomicLong nanos = new AtomicLong(5_000_000_000L);
    Tables tables = new Tables(nanos::get);
    assertEquals(Optional.empty(), tables.problem(), "nothing to say before a creation started");
    CompletableFuture<Done> created = new CompletableFuture<>();
    tables.creating("frms", created);
    nanos.addAndGet(12_400_000_000L);
    assertEquals(
        Optional.of("the tables of keyspace frms are being created (12 s so far)"),
        tables.problem());
    tables.failedOnce(new IllegalStateException("Cassandra timed out"));
    assertEquals(
        Optional.of(
            "the tables of keyspace frms are being created (12 s so far; the last try failed:"
                + " Cassandra timed out)"),
        tables.problem());
    created.complete(Done.getInstance());
    assertEquals(Optional.empty(), tables.problem());
  }
}
