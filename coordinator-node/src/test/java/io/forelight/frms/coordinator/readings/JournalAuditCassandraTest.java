package io.forelight.frms.coordinator.readings;

import static io.forelight.frms.coordinator.readings.Readings.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.coordinator.history.Completeness;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The journal audit catches two writers: two SensorLogs of the same reactor running at once (in two
 * actor systems, unfenced, as two coordinators without leases would) each write event 1 and
 * readings 1..3; the audit reports event 1 and every reading twice.
 */
@ExtendWith({CassandraExtension.class, LogCapturingExtension.class})
class JournalAuditCassandraTest {

  @Test
  void twoWritersOfOneReactorShowAsDuplicateEventsAndReadings(TestCassandra cassandra)
      throws Exception {
    Config config = TestConfigs.cassandra(cassandra);
    ActorTestKit first = ActorTestKit.create("first", config);
    ActorTestKit second = ActorTestKit.create("second", config);
    try {
      List<ActorRef<SensorLog.Command>> logs = new ArrayList<>();
      for (ActorTestKit writer : List.of(first, second)) {
        ActorRef<SensorLog.Command> log =
            writer.spawn(SensorLog.create("twice", SensorLog.Listeners.NONE));
        TestProbe<SensorLog.Positions> recovered = writer.createTestProbe();
        log.tell(new SensorLog.GetPositions(recovered.getRef()));
        recovered.receiveMessage(Duration.ofSeconds(60)); // both recovered an empty journal
        logs.add(log);
      }
      for (int i = 0; i < 2; i++) {
        TestProbe<StatusReply<SensorLog.Appended>> probe =
            List.of(first, second).get(i).createTestProbe();
        logs.get(i).tell(new SensorLog.Append(of("t", 1, 3), probe.getRef()));
        assertEquals(3, probe.receiveMessage(Duration.ofSeconds(60)).getValue().accepted());
      }
      JournalAudit.Audit audit =
          JournalAudit.of(
                  PersistenceQuery.get(first.system())
                      .getReadJournalFor(
                          CassandraReadJournal.class, CassandraReadJournal.Identifier()),
                  "twice",
                  first.system())
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      Completeness.Report events = audit.events().report("events");
      assertEquals(List.of(1L), events.duplicates(), "event 1 written by both: " + events);
      assertFalse(events.complete());
      assertEquals(List.of(1L, 2L, 3L), audit.readings().get("t").get(1).report("t").duplicates());
    } finally {
      first.shutdownTestKit();
      second.shutdownTestKit();
    }
  }
}
