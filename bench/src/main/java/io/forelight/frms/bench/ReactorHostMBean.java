package io.forelight.frms.bench;

/**
 * What a {@link ReactorHost} tells the benchmark, as {@code
 * io.forelight.frms.bench:type=ReactorHost}.
 */
public interface ReactorHostMBean {

  int getReactors();

  /** Readings written to the hosted reactors' logs since they first started. */
  long getLoggedReadings();

  /** Readings of those the coordinators acknowledged (each one once committed in Cassandra). */
  long getAcknowledgedReadings();

  /** Stops making readings (light generator only); links keep serving the logs. */
  void pauseSampling();

  void resumeSampling();
}
