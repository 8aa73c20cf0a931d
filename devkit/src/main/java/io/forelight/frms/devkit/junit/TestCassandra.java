package io.forelight.frms.devkit.junit;

import io.forelight.frms.devkit.cassandra.EmbeddedCassandra;

/**
 * What a test class gets from {@link CassandraExtension}: the run's shared Cassandra and a keyspace
 * name of its own (not yet created: the code under test creates its schema).
 */
public record TestCassandra(EmbeddedCassandra cassandra, String keyspace) {

  public String contactPoint() {
    return cassandra.contactPoint();
  }

  public int port() {
    return cassandra.cqlPort();
  }
}
