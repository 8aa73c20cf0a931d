package io.forelight.frms.coordinator.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class PartitionBatchesTest {

  /** {@code rows} rows of partition {@code p}, each naming its partition and number. */
  private static List<SimpleStatement> partition(String p, int rows) {
    return IntStream.range(0, rows)
        .mapToObj(i -> SimpleStatement.newInstance(p + ":" + i))
        .toList();
  }

  private static List<List<String>> contents(List<BatchStatement> batches) {
    List<List<String>> contents = new ArrayList<>();
    for (BatchStatement batch : batches) {
      contents.add(
          StreamSupport.stream(batch.spliterator(), false)
              .map(s -> ((SimpleStatement) s).getQuery())
              .toList());
    }
    return contents;
  }

  @Test
  void oneReadingOfEachOfEightSensorsIsOneBatch() {
    List<List<SimpleStatement>> sensors = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      sensors.add(partition("s" + s, 1));
    }
    List<List<String>> batches = contents(PartitionBatches.pack(sensors, 64));
    assertEquals(1, batches.size());
    assertEquals(
        List.of("s0:0", "s1:0", "s2:0", "s3:0", "s4:0", "s5:0", "s6:0", "s7:0"), batches.get(0));
  }

  @Test
  void aBatchHoldsAtMostTenPartitions() {
    List<List<SimpleStatement>> sensors = new ArrayList<>();
    for (int s = 0; s < 25; s++) {
      sensors.add(partition("s" + s, 1));
    }
    List<List<String>> batches = contents(PartitionBatches.pack(sensors, 64));
    assertEquals(List.of(10, 10, 5), batches.stream().map(List::size).toList());
  }

  @Test
  void aPartitionIsNotSplitWhenItFitsAndOneTooLargeGoesAloneInChunks() {
    List<List<String>> batches =
        contents(
            PartitionBatches.pack(
                List.of(partition("a", 3), partition("b", 3), partition("c", 9)), 5));
    assertEquals(
        Set.of(
            List.of("a:0", "a:1", "a:2"),
            List.of("b:0", "b:1", "b:2"),
            List.of("c:0", "c:1", "c:2", "c:3", "c:4"),
            List.of("c:5", "c:6", "c:7", "c:8")),
        Set.copyOf(batches),
        "written at once: their order does not matter");
    assertEquals(4, batches.size());
  }

  @Test
  void nothingToWriteIsNoBatch() {
    List<List<? extends BatchableStatement<?>>> none = List.of(List.of());
    assertEquals(0, PartitionBatches.pack(none, 64).size());
  }
}
