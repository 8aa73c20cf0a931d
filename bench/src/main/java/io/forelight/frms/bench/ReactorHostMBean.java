package io.forelight.frms.bench;

/**
 * What a {@link ReactorHost} tells the benchmark, as {@code
 * io.forelight.frms.bench:type=ReactorHost}.
 */
public interface ReactorHostMBean {

  int getReactors();

  /** Readings written to the hosted reactors' logs since they first started. */
  long getLoggedReadings();

  /** Stops making readings (light generator only); links keep serving the logs. */
  void pauseSampling();

  void resumeSampling();
}
