package io.forelight.frms.reactor.ops;

/**
 * One running sensor of a reactor node, as {@code
 * io.forelight.frms:type=Sensor,reactor=<id>,sensor=<id>}. Counters start when the sensor starts.
 */
public interface SensorMBean {

  String getSensorId();

  String getKind();

  long getIntervalMillis();

  /** Sequence number of the latest reading in the log (0 before the first). */
  long getLastSeq();

  /** Value of the latest reading (NaN when it was BAD or before the first). */
  double getLastValue();

  /** Reactor-clock time of the latest reading, ISO-8601 ("" before the first). */
  String getLastTime();

  /** GOOD, SUSPECT or BAD ("" before the first). */
  String getLastQuality();

  /** Readings logged since the sensor started. */
  long getSamples();

  /** BAD readings logged since the sensor started (driver errors, timeouts, garbage, NaN). */
  long getFaults();

  /**
   * Readings sampled but not logged because the log was full, counted when their lost-at-source
   * range is logged, since the sensor started.
   */
  long getLostAtSource();

  /** What the latest BAD reading said. */
  String getLastFault();

  /** Milliseconds since the last usable (GOOD or SUSPECT) reading, or since the start. */
  long getMillisSinceUsableReading();

  /** True when no usable reading came for longer than the node's stale limit for this sensor. */
  boolean isStale();
}
