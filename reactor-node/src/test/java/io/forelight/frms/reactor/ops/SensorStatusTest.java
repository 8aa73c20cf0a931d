package io.forelight.frms.reactor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.sensor.Quality;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What JMX shows of a sensor: its log's position, not the last state it recovered from. */
class SensorStatusTest {

  private static final SensorSpec SPEC =
      new SensorSpec(
          "ph",
          "ph",
          "simulated",
          "pH",
          Duration.ofSeconds(1),
          true,
          Calibration.NONE,
          new SensorKinds.Range(0, 14),
          Map.of());

  @Test
  void lastSeqIsTheLogsHighestEvenBeforeTheSensorLogsAgain() {
    AtomicLong inLog = new AtomicLong(4607);
    SensorStatus status = new SensorStatus(SPEC, Duration.ofSeconds(5), reading(4000), inLog::get);
    assertEquals(4607, status.getLastSeq());
    status.logged(reading(4608));
    inLog.set(4608);
    assertEquals(4608, status.getLastSeq());
  }

  private static ReadingTaken reading(long seq) {
    return new ReadingTaken(seq, seq * 1_000_000L, 7.0, "pH", Quality.GOOD, "");
  }
}
