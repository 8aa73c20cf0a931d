package io.forelight.frms.devkit.cassandra;

import java.io.IOException;
import java.io.InputStream;

/**
 * Main class of the Cassandra process: starts Cassandra and exits (through Cassandra's own shutdown
 * hooks) when the launching JVM goes away and its end of our stdin closes, so that a test run or
 * demo killed with SIGKILL does not leave an orphan Cassandra behind.
 */
public final class ParentWatch {

  private ParentWatch() {}

  public static void main(String[] args) throws Exception {
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() != -1) {
                  // Nothing is ever sent; we only wait for end of stream.
                }
              } catch (IOException e) {
                // The pipe broke: the parent is gone just the same.
              }
              System.exit(0);
            },
            "frms-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
    Class.forName("org.apache.cassandra.service.CassandraDaemon")
        .getMethod("main", String[].class)
        .invoke(null, (Object) args);
  }
}
