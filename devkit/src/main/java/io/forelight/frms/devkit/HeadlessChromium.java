package io.forelight.frms.devkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the browser tests and benchmarks start Chromium: Debian's {@code chromium} and {@code
 * chromium-driver} at fixed paths (nothing downloads a browser), headless, with the flags this
 * machine's closed network needs (no background connections, no component updates, no sync).
 */
public final class HeadlessChromium {

  public static final Path BINARY = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** Fails with what to install when the browser or its driver is missing. */
  public static void requireInstalled() {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "a real browser is needed: Debian's chromium and chromium-driver ("
              + BINARY
              + ", "
              + DRIVER
              + "); bin/test installs them, or: apt-get install chromium chromium-driver");
    }
  }

  /** The command-line flags, with a fresh profile directory and a window size. */
  public static List<String> arguments(Path profile, int width, int height) {
    return List.of(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=" + width + "," + height);
  }
}
