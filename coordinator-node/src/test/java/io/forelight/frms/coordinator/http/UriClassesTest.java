package io.forelight.frms.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Each round loads pekko-http afresh (its own class loader, so its classes are not yet initialized)
 * and has two threads initialize the Java {@code Uri} class and its subclass at the same moment, as
 * Pekko Management's start and the first requests did.
 */
class UriClassesTest {

  private static final String SUPERCLASS = "org.apache.pekko.http.javadsl.model.Uri";
  private static final String SUBCLASS = "org.apache.pekko.http.impl.model.JavaUri";
  private static final long PATIENCE_MS = 5_000;

  @Test
  void bothEndsAtOnceFinishOnceUriClassesRan() throws Exception {
    for (int round = 0; round < 10; round++) {
      try (URLClassLoader fresh = freshLoader()) {
        Class.forName(UriClasses.class.getName(), true, fresh).getMethod("initialize").invoke(null);
        assertFalse(race(fresh), "round " + round + ": initializing Uri and JavaUri at once hung");
      }
    }
  }

  /**
   * Shows the hazard is real here, so the test above can fail (were initialize() to do nothing).
   */
  @Test
  void withoutItBothEndsAtOnceCanHangForGood() throws Exception {
    boolean hung = false;
    for (int round = 0; round < 10 && !hung; round++) {
      try (URLClassLoader fresh = freshLoader()) {
        hung = race(fresh);
      }
    }
    assertTrue(
        hung,
        "ten races of Uri against JavaUri all finished: has pekko-http stopped making a JavaUri in"
            + " Uri's static block? Then UriClasses may go");
  }

  /** Whether the two threads were still initializing after {@link #PATIENCE_MS}. */
  private static boolean race(ClassLoader loader) throws Exception {
    // loaded, not initialized: the race is then only over their static blocks
    Class.forName(SUPERCLASS, false, loader);
    Class.forName(SUBCLASS, false, loader);
    Class.forName("org.apache.pekko.http.scaladsl.model.Uri$Empty$", true, loader);
    CyclicBarrier start = new CyclicBarrier(2);
    Thread sub = initializer(SUBCLASS, loader, start);
    Thread sup = initializer(SUPERCLASS, loader, start);
    sub.join(PATIENCE_MS);
    sup.join(PATIENCE_MS);
    return sub.isAlive() || sup.isAlive();
  }

  /** A daemon thread initializing {@code name}: one left hung does not keep the JVM alive. */
  private static Thread initializer(String name, ClassLoader loader, CyclicBarrier start) {
    Thread thread =
        new Thread(
            () -> {
              try {
                start.await();
                Class.forName(name, true, loader);
              } catch (Exception e) {
                throw new IllegalStateException("initializing " + name, e);
              }
            },
            "initialize " + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** This test's class path in a loader of its own (the JDK's classes shared); close it after. */
  private static URLClassLoader freshLoader() {
    URL[] urls =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(UriClassesTest::url)
            .toArray(URL[]::new);
    return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
  }

  private static URL url(String path) {
    try {
      return new File(path).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("class path entry " + path, e);
    }
  }
}
