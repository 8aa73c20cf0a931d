package io.forelight.frms.coordinator.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.readings.Quality;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The streamed zip reads back whole with the JDK, chunk by chunk; the tally counts rows right. */
class ZipStreamTest {

  private static final ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "zip");

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void entriesOfManyChunksReadBackInOrderAndTheArchiveComesOutAsItIsWritten() throws Exception {
    Source<ByteString, org.apache.pekko.NotUsed> many =
        Source.range(1, 20_000).map(i -> ByteString.fromString(line(i)));
    List<ByteString> chunks =
        ZipStream.of(
                Source.from(
                    List.of(
                        Pair.create("a.csv", many),
                        Pair.create("empty.csv", Source.<ByteString>empty()),
                        Pair.create("b.txt", Source.single(ByteString.fromString("hello"))))))
            .runWith(Sink.seq(), system)
            .toCompletableFuture()
            .get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(chunks.size() > 10, "written as it streams, not at the end: " + chunks.size());
    ByteString all = chunks.stream().reduce(ByteString.emptyByteString(), ByteString::concat);
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(all.toArray()))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertEquals(List.of("a.csv", "empty.csv", "b.txt"), List.copyOf(files.keySet()));
    StringBuilder expected = new StringBuilder();
    for (int i = 1; i <= 20_000; i++) {
      expected.append(line(i));
    }
    assertEquals(expected.toString(), files.get("a.csv"));
    assertEquals("", files.get("empty.csv"));
    assertEquals("hello", files.get("b.txt"));
    assertTrue(all.size() < expected.length() / 2, "compressed: " + all.size());
  }

  private static String line(int i) {
    return "2026-12-01T00:00:00Z,reactor-1,ph," + i + "," + (i * 7919 % 10007) + ",pH,GOOD,0\n";
  }

  @Test
  void theTallyCountsRowsGapsRepeatsAndRestartsPerSensor() {
    RangeTally tally = new RangeTally();
    var readings = tally.into("readings.csv");
    for (long seq : new long[] {5, 6, 7, 9, 9, 10, 1, 2}) {
      readings.row("r", "ph", point(seq));
    }
    tally.into("loop-outputs.csv").row("r", "temperature-output", point(3));
    assertEquals(
        RangeTally.HEADER
            + "ph,readings.csv,8,5,2,1,1,1\n"
            + "temperature-output,loop-outputs.csv,1,3,3,0,0,0\n",
        tally.csv());
  }

  @Test
  void aRowQuotesWhatMustBeQuotedAndLeavesNullsEmpty() {
    assertEquals(
        "a,\"b,c\",,'=1+1\n", RunExport.row("a", "b,c", null, "=1+1"), "no spreadsheet formula");
  }

  private static HistoryStore.Point point(long seq) {
    return new HistoryStore.Point(seq, seq * 1_000_000L, 7.0, "pH", Quality.GOOD, "", 0, 0);
  }
}
