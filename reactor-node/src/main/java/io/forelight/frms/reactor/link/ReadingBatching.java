package io.forelight.frms.reactor.link;

import io.forelight.frms.link.v1.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

/** How a reading stream groups what the log hands it into the batches it sends. */
final class ReadingBatching {

  private ReadingBatching() {}

  /**
   * Joins the log's chunks into batches of at most {@code batchSize} readings. With a linger (200
   * ms by default) each batch is held open that long to fill it. With none, a batch goes as soon as
   * the link takes it and what arrives while the link is busy (marking the checkpoint, a full
   * flow-control window: a coordinator storing slowly) joins the next: prompt at low rates, but a
   * reactor sampling fast then costs the coordinator a store whenever its last one ends (in CI, on
   * two saturated cores, that starved coordinators of CPU), so it is not the default.
   */
  static Flow<List<Reading>, List<List<Reading>>, NotUsed> of(int batchSize, Duration linger) {
    Flow<List<Reading>, List<Reading>, NotUsed> chunks = Flow.create();
    if (!linger.isZero()) {
      return chunks.groupedWeightedWithin(batchSize, chunk -> (long) chunk.size(), linger);
    }
    return chunks.batchWeighted(
        batchSize,
        chunk -> (long) chunk.size(),
        chunk -> {
          List<List<Reading>> batch = new ArrayList<>();
          batch.add(chunk);
          return batch;
        },
        (batch, chunk) -> {
          batch.add(chunk);
          return batch;
        });
  }
}
