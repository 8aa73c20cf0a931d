package io.forelight.frms.coordinator.reports;

import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.history.ReadingsCsv;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an export wrote of each sensor over its range, counted as the rows pass: rows, first and
 * last sequence number, numbers missing between them (gaps), a number written twice in a row
 * (duplicates) and numbers starting over lower (a new log incarnation). One entry per sensor, so it
 * stays small however long the range. Used by one stream at a time.
 */
final class RangeTally {

  static final String HEADER = "sensor,file,rows,first_seq,last_seq,gaps,duplicates,restarts\n";

  private static final class Sensor {
    final String file;
    long rows;
    long first = -1;
    long last = -1;
    long gaps;
    long duplicates;
    long restarts;

    Sensor(String file) {
      this.file = file;
    }
  }

  private final Map<String, Sensor> sensors = new TreeMap<>();

  /** Counts the rows written to {@code file}. */
  ReadingsCsv.RowObserver into(String file) {
    return (reactor, sensor, point) -> row(file, sensor, point);
  }

  private void row(String file, String sensor, HistoryStore.Point point) {
    Sensor s = sensors.computeIfAbsent(sensor, id -> new Sensor(file));
    long seq = point.seq();
    if (s.rows == 0) {
      s.first = seq;
    } else if (seq == s.last) {
      s.duplicates++;
    } else if (seq < s.last) {
      s.restarts++;
    } else {
      s.gaps += seq - s.last - 1;
    }
    s.last = seq;
    s.rows++;
  }

  String csv() {
    StringBuilder text = new StringBuilder(HEADER);
    sensors.forEach(
        (id, s) ->
            text.append(ReadingsCsv.cell(id))
                .append(',')
                .append(s.file)
                .append(',')
                .append(s.rows)
                .append(',')
                .append(s.first)
                .append(',')
                .append(s.last)
                .append(',')
                .append(s.gaps)
                .append(',')
                .append(s.duplicates)
                .append(',')
                .append(s.restarts)
                .append('\n'));
    return text.toString();
  }
}
