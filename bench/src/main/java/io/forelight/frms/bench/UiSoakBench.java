package io.forelight.frms.bench;

import io.forelight.frms.devkit.HeadlessChromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A day of the web UI in less time: the fleet page and a reactor page stay open in one headless
 * Chromium for {@code --minutes} while the watched reactor's {@code --sensors} sensors stream every
 * {@code --interval} (default 8 at 50 Hz: 30 minutes carry as many readings as 8 sensors at 1 Hz in
 * a day) and {@code --reactors} - 1 others every second fill the fleet page. Every {@code
 * --sample-seconds} it reads, after a garbage collection, each page's JavaScript heap, DOM nodes
 * and event listeners (Chrome DevTools Protocol) and the coordinator's heap (JMX). Reports where
 * each started and ended, and its trend after the first 5 minutes per hour and over 24 hours: a
 * page that leaks grows with every reading or poll, and the trend shows it.
 */
final class UiSoakBench {

  private static final Duration WARM_UP = Duration.ofMinutes(5);

  private UiSoakBench() {}

  /** One sample: minutes since the start, then the figures. */
  private record Sample(
      double minutes,
      double fleetHeapMb,
      double reactorHeapMb,
      long fleetNodes,
      long reactorNodes,
      long fleetListeners,
      long reactorListeners,
      double coordinatorHeapMb) {}

  static void run(Bench.Options given) throws Exception {
    Bench.Options options = UiBench.directSamplingUnlessGiven(given);
    int minutes = options.integer("minutes", 30);
    int reactors = options.integer("reactors", 20);
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "20ms");
    int sampleSeconds = options.integer("sample-seconds", 60);
    HeadlessChromium.requireInstalled();
    try (BenchFleet fleet = new BenchFleet(options, "1g")) {
      fleet.addHost(1, sensors, interval, false);
      if (reactors > 1) {
        fleet.addHost(reactors - 1, sensors, "1s", false);
      }
      String base = fleet.api.base();
      ChromeDriver browser = UiBench.chromium();
      try {
        UiBench.logIn(browser, base);
        String fleetTab = browser.getWindowHandle();
        browser.get(base + "/#/");
        browser.switchTo().newWindow(WindowType.TAB);
        String reactorTab = browser.getWindowHandle();
        browser.get(base + "/#/reactors/" + fleet.reactors.get(0));
        UiBench.until(
            browser,
            120,
            () -> !browser.findElements(By.cssSelector("figure.sensor-chart")).isEmpty());
        List<Sample> samples = new ArrayList<>();
        long started = System.nanoTime();
        long end = started + Duration.ofMinutes(minutes).toNanos();
        while (true) {
          double at = (System.nanoTime() - started) / 60e9;
          Map<String, Number> fleetPage = pageMetrics(browser, fleetTab);
          Map<String, Number> reactorPage = pageMetrics(browser, reactorTab);
          Sample sample =
              new Sample(
                  at,
                  mb(fleetPage.get("JSHeapUsedSize")),
                  mb(reactorPage.get("JSHeapUsedSize")),
                  fleetPage.get("Nodes").longValue(),
                  reactorPage.get("Nodes").longValue(),
                  fleetPage.get("JSEventListeners").longValue(),
                  reactorPage.get("JSEventListeners").longValue(),
                  fleet.coordinatorHeapAfterGcMb());
          samples.add(sample);
          System.out.printf(
              "%5.1f min: fleet page %.1f MB, %d nodes, %d listeners; reactor page %.1f MB, %d"
                  + " nodes, %d listeners; coordinator %.0f MB%n",
              at,
              sample.fleetHeapMb(),
              sample.fleetNodes(),
              sample.fleetListeners(),
              sample.reactorHeapMb(),
              sample.reactorNodes(),
              sample.reactorListeners(),
              sample.coordinatorHeapMb());
          if (System.nanoTime() >= end) {
            break;
          }
          Thread.sleep(sampleSeconds * 1000L);
        }
        browser.switchTo().window(reactorTab);
        long drawn =
            ((Number) browser.executeScript("return window.frmsDrawDelays.length")).longValue();
        Report report =
            new Report(
                "ui-soak",
                "Web UI left open "
                    + minutes
                    + " min: fleet page of "
                    + reactors
                    + " reactors and a reactor page of "
                    + sensors
                    + " sensors every "
                    + interval);
        report.add(
            "readings offered by the watched reactor during the soak (8 sensors at 1 Hz: 691,200 a"
                + " day)",
            Math.round(minutes * 60 * sensors * UiBench.perSecond(interval)),
            "readings");
        report.add("readings drawn on the reactor page (its last 1,000 kept)", drawn, "readings");
        trend(report, "fleet page JS heap", samples, Sample::fleetHeapMb, "MB");
        trend(report, "reactor page JS heap", samples, Sample::reactorHeapMb, "MB");
        trend(report, "fleet page DOM nodes", samples, s -> s.fleetNodes(), "nodes");
        trend(report, "reactor page DOM nodes", samples, s -> s.reactorNodes(), "nodes");
        trend(report, "fleet page event listeners", samples, s -> s.fleetListeners(), "");
        trend(report, "reactor page event listeners", samples, s -> s.reactorListeners(), "");
        trend(report, "coordinator heap after GC", samples, Sample::coordinatorHeapMb, "MB");
        report.publish(options);
      } finally {
        browser.quit();
      }
    }
  }

  /** After a garbage collection in the tab: its heap, DOM nodes and listeners. */
  private static Map<String, Number> pageMetrics(ChromeDriver browser, String tab) {
    browser.switchTo().window(tab);
    browser.executeCdpCommand("Performance.enable", Map.of());
    browser.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> metrics =
        (List<Map<String, Object>>)
            browser.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
    Map<String, Number> byName = new java.util.HashMap<>();
    for (Map<String, Object> metric : metrics) {
      byName.put((String) metric.get("name"), (Number) metric.get("value"));
    }
    return byName;
  }

  private static double mb(Number bytes) {
    return bytes.doubleValue() / 1e6;
  }

  private static void trend(
      Report report,
      String name,
      List<Sample> samples,
      java.util.function.ToDoubleFunction<Sample> figure,
      String unit) {
    List<Trend.Point> points =
        samples.stream().map(s -> new Trend.Point(s.minutes(), figure.applyAsDouble(s))).toList();
    Trend.report(report, name, points, WARM_UP.toMinutes(), unit);
  }
}
