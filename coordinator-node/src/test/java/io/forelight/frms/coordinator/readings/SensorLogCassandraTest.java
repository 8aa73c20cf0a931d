package io.forelight.frms.coordinator.readings;

import static io.forelight.frms.coordinator.readings.Readings.concat;
import static io.forelight.frms.coordinator.readings.Readings.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SensorLog against the real Cassandra the build starts: write, restart, read back. */
@ExtendWith({CassandraExtension.class, LogCapturingExtension.class})
class SensorLogCassandraTest {

  private static final Duration FIRST_WRITE = Duration.ofSeconds(60);

  @Test
  void storesBatchesInCassandraAndRecoversThemInAnotherActorSystem(TestCassandra cassandra)
      throws Exception {
    Config config = TestConfigs.cassandra(cassandra);
    ActorTestKit first = ActorTestKit.create("writer", config);
    try {
      ActorRef<SensorLog.Command> log =
          first.spawn(SensorLog.create("r1", SensorLog.Listeners.NONE));
      TestProbe<StatusReply<SensorLog.Appended>> probe = first.createTestProbe();
      log.tell(new SensorLog.Append(concat(of("t", 1, 3), of("ph", 1, 2)), probe.getRef()));
      assertEquals(5, probe.receiveMessage(FIRST_WRITE).getValue().accepted());
      log.tell(new SensorLog.Append(concat(of("t", 3, 5), of("ph", 4, 4)), probe.getRef()));
      SensorLog.Appended second = probe.receiveMessage(Duration.ofSeconds(10)).getValue();
      assertEquals(2, second.accepted());
      assertEquals(1, second.duplicates());
      assertEquals(Map.of("ph", 3L), second.gaps());
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit reader = ActorTestKit.create("reader", config);
    try {
      ActorRef<SensorLog.Command> log =
          reader.spawn(SensorLog.create("r1", SensorLog.Listeners.NONE));
      TestProbe<SensorLog.Positions> positions = reader.createTestProbe();
      log.tell(new SensorLog.GetPositions(positions.getRef()));
      assertEquals(
          Map.of("t", 5L, "ph", 2L), positions.receiveMessage(Duration.ofSeconds(30)).positions());

      CassandraReadJournal journal =
          PersistenceQuery.get(reader.system())
              .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
      List<EventEnvelope> events =
          journal
              .currentEventsByPersistenceId("SensorLog|r1", 0, Long.MAX_VALUE)
              .runWith(Sink.seq(), reader.system())
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      assertEquals(
          List.of(concat(of("t", 1, 3), of("ph", 1, 2)), of("t", 4, 5)),
          Readings.storedIn(events.stream().map(EventEnvelope::event).toList()));
      assertTrue(
          events.stream()
              .allMatch(e -> ((SensorLog.ReadingsStored) e.event()).receivedAtMicros() > 0),
          "each batch keeps when it was received");
    } finally {
      reader.shutdownTestKit();
    }
  }
}
