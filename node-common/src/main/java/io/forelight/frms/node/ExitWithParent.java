package io.forelight.frms.node;

import java.io.IOException;
import java.io.InputStream;

/**
 * With {@code -Dfrms.exit-with-parent=on}, runs the given shutdown when standard input reaches its
 * end, that is when the process that started this node (a test run, the demo launcher, a
 * supervisor) is gone: no orphan nodes after a killed test run.
 */
public final class ExitWithParent {

  public static final String PROPERTY = "frms.exit-with-parent";

  private ExitWithParent() {}

  public static void installIfAsked(Runnable shutdown) {
    if (!"on".equals(System.getProperty(PROPERTY))) {
      return;
    }
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() != -1) {
                  // Nothing is sent; only the end of the stream matters.
                }
              } catch (IOException e) {
                // A broken pipe means the same: the parent is gone.
              }
              shutdown.run();
            },
            "frms-exit-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }
}
