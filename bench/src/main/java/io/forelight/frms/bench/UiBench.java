package io.forelight.frms.bench;

import io.forelight.frms.devkit.HeadlessChromium;
import io.forelight.frms.devstack.DevAdmin;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI under load, in a real headless Chromium: {@code --reactors} simulated reactors of
 * {@code --sensors} sensors every {@code --interval} (default 100 × 8 at 10 Hz: 8,000 readings/s,
 * half the measured maximum of the light generator, {@code --sampling direct}) stream into the
 * coordinator while the browser loads the fleet page (until every card shows a reading) and a
 * reactor page (until its charts hold their history), then watches that reactor live for {@code
 * --seconds}: the delay from each reading's commit ({@code storedAt}) to its drawing, as the page
 * records it, split at its arrival in the page, and beside the browser the same delay to a plain
 * HTTP client reading the same live stream (the coordinator's and connection's share alone). Last,
 * the export rate of {@code GET /api/export} over HTTP.
 */
final class UiBench {

  private UiBench() {}

  /** The options given, with the light load generator unless another is asked for. */
  static Bench.Options directSamplingUnlessGiven(Bench.Options given) {
    java.util.Map<String, String> values = new java.util.HashMap<>(given.values());
    values.putIfAbsent("sampling", "direct");
    return new Bench.Options(values);
  }

  static void run(Bench.Options given) throws Exception {
    Bench.Options options = directSamplingUnlessGiven(given);
    int reactors = options.integer("reactors", 100);
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "100ms");
    int seconds = options.integer("seconds", 60);
    HeadlessChromium.requireInstalled();
    try (BenchFleet fleet = new BenchFleet(options, "1g")) {
      Instant started = Instant.now();
      fleet.addHost(reactors, sensors, interval, false);
      double offered = reactors * sensors * perSecond(interval);
      IngestBench.settle(fleet, 20, offered); // the start's backlog drains: a steady state
      String base = fleet.api.base();
      ChromeDriver browser = chromium();
      try {
        logIn(browser, base);
        double fleetMillis = fleetPageLoad(browser, base, reactors);
        double reactorMillis = reactorPageLoad(browser, base, fleet.reactors.get(0));
        IngestBench.settle(fleet, 0, offered); // what the pages' history reads held back
        browser.executeScript(
            "window.frmsDrawDelays.length = 0; window.frmsReceiveDelays.length = 0");
        LoadWindow window;
        Percentiles plain;
        try (LiveStreamProbe probe = new LiveStreamProbe(fleet.api, fleet.reactors.get(0))) {
          window = LoadWindow.measure(fleet, offered, seconds);
          plain = probe.delays();
        }
        Percentiles drawn = pageDelays(browser, "frmsDrawDelays");
        Percentiles received = pageDelays(browser, "frmsReceiveDelays");
        double exportRate;
        try {
          exportRate = exportRate(fleet, started);
        } catch (java.io.IOException e) {
          // the figures above still count: report the export as failed (-1) and why
          System.out.println("the export over HTTP failed: " + e);
          exportRate = -1;
        }
        new Report(
                "ui",
                "Web UI under load: "
                    + reactors
                    + " reactors × "
                    + sensors
                    + " sensors every "
                    + interval)
            .add("readings stored per second during the window", window.stored(), "readings/s")
            .add("window held (stored kept up with logged)", window.sustained() ? 1 : 0, "yes=1")
            .add("fleet page: load until every card shows a reading", fleetMillis, "ms")
            .add("reactor page: load until its charts hold their history", reactorMillis, "ms")
            .add("readings drawn on the reactor page during the window", drawn.count(), "readings")
            .add("commit → received by a plain HTTP client p50", plain.percentile(50), "ms")
            .add("commit → received by a plain HTTP client p99", plain.percentile(99), "ms")
            .add("commit → received by the page p50", received.percentile(50), "ms")
            .add("commit → received by the page p99", received.percentile(99), "ms")
            .add("commit → drawn p50", drawn.percentile(50), "ms")
            .add("commit → drawn p99", drawn.percentile(99), "ms")
            .add("commit → drawn max", drawn.percentile(100), "ms")
            .add("target: commit → drawn p99 under", 500, "ms")
            .add(
                "export over HTTP (GET /api/export, one reactor, all sensors)",
                exportRate,
                "rows/s")
            .publish(options);
      } finally {
        browser.quit();
      }
    }
  }

  /** The delays (ms) the page recorded in window.{name} (its last 10,000). */
  private static Percentiles pageDelays(ChromeDriver browser, String name) {
    @SuppressWarnings("unchecked")
    List<Number> delays = (List<Number>) browser.executeScript("return window." + name);
    Percentiles percentiles = new Percentiles(delays.size());
    delays.forEach(d -> percentiles.add(d.longValue()));
    return percentiles;
  }

  static ChromeDriver chromium() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(HeadlessChromium.BINARY.toFile());
    options.addArguments(
        HeadlessChromium.arguments(Files.createTempDirectory("frms-ui-bench"), 1280, 900));
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(HeadlessChromium.DRIVER.toFile())
            .build(),
        options);
  }

  static void logIn(ChromeDriver browser, String base) {
    browser.get(base + "/");
    until(browser, 30, () -> !browser.findElements(By.id("login-name")).isEmpty());
    browser.findElement(By.id("login-name")).sendKeys(DevAdmin.NAME);
    browser.findElement(By.id("login-password")).sendKeys(DevAdmin.PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    until(browser, 30, () -> !browser.findElements(By.id("fleet")).isEmpty());
  }

  /** From navigation start until every reactor's card shows a reading (polled every 20 ms). */
  private static double fleetPageLoad(ChromeDriver browser, String base, int reactors) {
    browser.get(base + "/?fresh=" + System.nanoTime() + "#/");
    String shown =
        "return document.querySelectorAll('#fleet article dd[data-seq]').length >= "
            + reactors
            + " ? performance.now() : null";
    until(browser, 120, () -> browser.executeScript(shown) != null);
    return ((Number) browser.executeScript("return performance.now()")).doubleValue();
  }

  /** From navigation start until the page marks its charts' history drawn. */
  private static double reactorPageLoad(ChromeDriver browser, String base, String reactor) {
    browser.get(base + "/?fresh=" + System.nanoTime() + "#/reactors/" + reactor);
    String mark =
        "const m = performance.getEntriesByName('frms:history-drawn');"
            + " return m.length ? m[0].startTime : null";
    until(browser, 120, () -> browser.executeScript(mark) != null);
    return ((Number) browser.executeScript(mark)).doubleValue();
  }

  /** Rows per second of one reactor's export since the bench started, read over HTTP. */
  private static double exportRate(BenchFleet fleet, Instant from) throws Exception {
    String path =
        "/api/export?reactors="
            + fleet.reactors.get(0)
            + "&from="
            + from
            + "&to="
            + Instant.now().plusSeconds(60);
    long started = System.nanoTime();
    long rows = -1; // the header
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                fleet.api.authorized(path).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = body.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          rows += buffer[i] == '\n' ? 1 : 0;
        }
      }
    }
    return rows / ((System.nanoTime() - started) / 1e9);
  }

  static double perSecond(String interval) {
    return 1000.0 / IngestBench.parseMillis(interval);
  }

  static void until(ChromeDriver browser, int seconds, java.util.function.BooleanSupplier ok) {
    new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(20))
        .withMessage(() -> "the page shows:\n" + browser.findElement(By.tagName("body")).getText())
        .until(d -> ok.getAsBoolean());
  }
}
