package io.forelight.frms.devkit.cassandra;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CassandraYamlTest {

  private final CassandraSettings settings =
      new CassandraSettings(Path.of("target/yaml-test"), 9042, 7000, 512);

  @AfterEach
  void clearProperty() {
    System.clearProperty(EmbeddedCassandra.MEMTABLE_PROPERTY);
    System.clearProperty(EmbeddedCassandra.COMPACTION_PROPERTY);
  }

  @Test
  void trieMemtablesOffTheHeapWithAQuarterOfTheHeapEachByDefault() {
    String yaml = CassandraYaml.render(settings);
    assertTrue(yaml.contains("memtable_heap_space: 128MiB\n"), yaml);
    assertTrue(yaml.contains("memtable_offheap_space: 128MiB\n"), yaml);
    assertTrue(yaml.contains("memtable_allocation_type: offheap_objects\n"), yaml);
    assertTrue(yaml.contains("      class_name: TrieMemtable\n"), yaml);
    String bigger =
        CassandraYaml.render(new CassandraSettings(Path.of("target/yaml-test"), 9042, 7000, 2048));
    assertTrue(bigger.contains("memtable_heap_space: 512MiB\n"), bigger);
    assertTrue(bigger.contains("memtable_offheap_space: 512MiB\n"), bigger);
  }

  @Test
  void memtableSpaceFromTheProperty() {
    System.setProperty(EmbeddedCassandra.MEMTABLE_PROPERTY, "512");
    String yaml = CassandraYaml.render(settings);
    assertTrue(yaml.contains("memtable_heap_space: 512MiB\n"), yaml);
    assertTrue(yaml.contains("memtable_offheap_space: 512MiB\n"), yaml);
  }

  @Test
  void aBadMemtableSpaceIsRefusedNamingTheProperty() {
    for (String bad : new String[] {"lots", "8", "-1"}) {
      System.setProperty(EmbeddedCassandra.MEMTABLE_PROPERTY, bad);
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> CassandraYaml.render(settings));
      assertTrue(
          error.getMessage().contains("frms.cassandra.memtable-mb")
              && error.getMessage().contains("'" + bad + "'"),
          error.getMessage());
    }
  }

  @Test
  void compactionIsCappedAtCassandrasDefaultUnlessThePropertySaysOtherwise() {
    assertTrue(CassandraYaml.render(settings).contains("compaction_throughput: 64MiB/s\n"));
    System.setProperty(EmbeddedCassandra.COMPACTION_PROPERTY, "2");
    assertTrue(CassandraYaml.render(settings).contains("compaction_throughput: 2MiB/s\n"));
  }

  @Test
  void aBadCompactionCapIsRefusedNamingTheProperty() {
    for (String bad : new String[] {"fast", "0", "-3"}) {
      System.setProperty(EmbeddedCassandra.COMPACTION_PROPERTY, bad);
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> CassandraYaml.render(settings));
      assertTrue(
          error.getMessage().contains("frms.cassandra.compaction-mib-per-second")
              && error.getMessage().contains("'" + bad + "'"),
          error.getMessage());
    }
  }
}
