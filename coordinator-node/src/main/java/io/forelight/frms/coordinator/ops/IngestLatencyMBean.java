package io.forelight.frms.coordinator.ops;

/**
 * How long readings took from the reactor's clock to their commit in Cassandra, as {@code
 * io.forelight.frms:type=IngestLatency}: every reading committed by the SensorLog entities hosted
 * on this node since the last {@link #reset}. Percentiles are within 1 ms below one second and
 * within 1% above.
 */
public interface IngestLatencyMBean {

  long getReadings();

  double getP50Millis();

  double getP99Millis();

  double getMaxMillis();

  /** Starts counting afresh (a benchmark step, or after an outage one wants to leave out). */
  void reset();
}
