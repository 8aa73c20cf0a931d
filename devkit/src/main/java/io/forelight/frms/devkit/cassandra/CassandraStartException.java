package io.forelight.frms.devkit.cassandra;

/** Cassandra could not be started; the message says why in one line a person can act on. */
public final class CassandraStartException extends RuntimeException {

  public CassandraStartException(String message) {
    super(message);
  }

  public CassandraStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
