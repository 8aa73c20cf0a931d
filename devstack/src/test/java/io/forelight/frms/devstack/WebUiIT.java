package io.forelight.frms.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FaultProxy;
import io.forelight.frms.devkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web UI in a real headless Chromium against the real stack from the jars (embedded Cassandra,
 * a coordinator, two reactors under control; reactor-02's link through a proxy that a test can
 * cut): logging in, the fleet live, filtering, a phone-width page, changing a setpoint with a
 * reason and seeing it applied and audited, a link cut seen as unreachable, then catching up, then
 * live, and a viewer who sees no controls. Screenshots of each page land in {@code
 * target/screenshots}.
 */
class WebUiIT {

  private static final String VIEWER_PASSWORD = "vic's long password";

  @Test
  void operatorsWatchAndSteerTheFleetInABrowser(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (Stack stack = new Stack(dir)) {
      stack.startCassandra(FreePorts.pick(), FreePorts.pick());
      int port1 = FreePorts.pick();
      int port2 = FreePorts.pick();
      stack.startReactor(ReactorSpec.controlled("reactor-01", port1));
      stack.startReactor(ReactorSpec.controlled("reactor-02", port2));
      try (FaultProxy link2 = FaultProxy.to(port2)) {
        Map<String, String> fleet = new LinkedHashMap<>();
        fleet.put("reactor-01", "127.0.0.1:" + port1);
        fleet.put("reactor-02", link2.address());
        int httpPort = FreePorts.pick();
        // a rule both reactors break at once (they hold 37 °C): an alarm each to see and
        // acknowledge
        Path rules = dir.resolve("alarms.conf");
        java.nio.file.Files.writeString(
            rules,
            "rules { warm { kind = high, sensor = temperature, limit = 30, severity = minor } }");
        stack.startCoordinator(
            CoordinatorSpec.alone(
                "coordinator",
                httpPort,
                stack.cassandra().contactPoint(),
                "frms_ui",
                stack.writeFleet(fleet)),
            List.of("-Dfrms.coordinator.alarms.rules-file=" + rules));
        CoordinatorApi api = new CoordinatorApi(httpPort);
        Await.until(
            Duration.ofSeconds(180),
            "both reactors stream",
            () -> api.latest("reactor-01").isPresent() && api.latest("reactor-02").isPresent());
        makeViewer(api);
        // a third board asks to join by itself (no certificate, no token): an admin approves it
        // (pH only: no temperature to break the alarm rule the others break)
        stack.startReactor(
            new ReactorSpec(
                    "reactor-03",
                    FreePorts.pick(),
                    Map.of("ph", "kind = ph, driver = simulated, interval = 1s"),
                    60.0,
                    "")
                .withExtraConfig(
                    "link.tls.enrol.coordinators = \"http://127.0.0.1:" + httpPort + "\""),
            false);

        try (Browser browser = new Browser(api.base(), dir.resolve("chromium"), 1280, 900)) {
          logInAndWatchTheFleet(browser, api);
          steerALoop(browser, api);
          readTheAuditTrail(browser);
          groupAReactor(browser, api);
          approveABoard(browser, api);
          acknowledgeAnAlarm(browser, api);
          runAReactor(browser, api);
          seeALinkCutAndItsRecovery(browser, api, link2);
          browser.driver().manage().deleteAllCookies();
          viewerSeesNoControls(browser, api);
        }
      }
    }
  }

  private static void logInAndWatchTheFleet(Browser browser, CoordinatorApi api) throws Exception {
    browser.logIn(DevAdmin.NAME, "not the password");
    browser.await(
        Duration.ofSeconds(10),
        "a wrong password is refused",
        () -> browser.text().contains("wrong name or password") ? true : null);
    browser.look("login-refused");

    // by keyboard: the field being typed in shows its focus, Enter logs in
    WebElement password = browser.driver().findElement(By.id("login-password"));
    password.sendKeys(DevAdmin.PASSWORD);
    WebElement focused = browser.driver().switchTo().activeElement();
    assertEquals("login-password", focused.getAttribute("id"));
    assertEquals("solid", focused.getCssValue("outline-style"), "the focus is visible");
    password.sendKeys(Keys.ENTER);
    browser.await(By.cssSelector("article[data-reactor='reactor-02'] dd"), "the fleet's cards");
    assertTrue(browser.text().contains("Administrator · admin"), "who is logged in shows");

    // a reading stored now shows within 2 s (the page polls every second)
    long stored = latestSeq(api, "reactor-01", "temperature");
    Instant storedAt = Instant.now();
    browser.await(
        Duration.ofSeconds(2),
        "temperature reading " + stored + " of reactor-01 on the fleet page within 2 s",
        () -> shownSeq(browser, "reactor-01", "temperature") >= stored ? true : null);
    System.out.println(
        "[web-ui] reading " + stored + " drawn after " + Duration.between(storedAt, Instant.now()));
    browser.await(
        Duration.ofSeconds(10),
        "both links live",
        () -> browser.text().split("\\blive\\b", -1).length - 1 >= 2 ? true : null);
    browser.look("fleet");

    WebElement filter = browser.driver().findElement(By.id("fleet-filter"));
    filter.sendKeys("reactor-02");
    browser.await(
        Duration.ofSeconds(5),
        "the filter hides reactor-01",
        () -> card(browser, "reactor-01").isDisplayed() ? null : true);
    assertTrue(card(browser, "reactor-02").isDisplayed());
    filter.clear();
    filter.sendKeys(" ");
    filter.clear();
    browser.script("arguments[0].dispatchEvent(new Event('input'))", filter);

    browser.resize(390, 844);
    browser.await(
        Duration.ofSeconds(10),
        "the fleet page fits 390 px without horizontal scrolling",
        () ->
            ((Number) browser.script("return document.documentElement.scrollWidth")).intValue()
                    <= 390
                ? true
                : null);
    browser.look("fleet-390px");
    browser.resize(1280, 900);
  }

  private static void steerALoop(Browser browser, CoordinatorApi api) throws Exception {
    browser.open("#/reactors/reactor-01");
    browser.await(
        Duration.ofSeconds(20),
        "the temperature chart draws live readings",
        () ->
            browser
                    .driver()
                    .findElement(By.cssSelector("figure[data-sensor='temperature']"))
                    .getAttribute("data-last-seq")
                    .isEmpty()
                ? null
                : true);
    WebElement setpoint = browser.await(By.id("loop-temperature-setpoint"), "the setpoint field");
    setpoint.clear();
    setpoint.sendKeys("33.5");
    browser.driver().findElement(By.id("loop-temperature-reason")).sendKeys("cooler for induction");
    browser
        .driver()
        .findElement(By.cssSelector("article[data-loop='temperature'] button[type='submit']"))
        .click();
    String asked = browser.confirm();
    assertTrue(asked.contains("33.5") && asked.contains("cooler for induction"), asked);
    browser.await(
        Duration.ofSeconds(30),
        "the outbox shows the setpoint applied",
        () ->
            browser.driver().findElements(By.cssSelector("#outbox tr[data-state='applied']")).size()
                    > 0
                ? true
                : null);
    browser.await(
        Duration.ofSeconds(10),
        "the loop card shows the reactor's new setpoint",
        () ->
            browser
                    .driver()
                    .findElement(
                        By.cssSelector(
                            "article[data-loop='temperature'] dd[data-field='setpoint']"))
                    .getText()
                    .equals("33.50")
                ? true
                : null);
    JsonNode loops = api.get("/api/reactors/reactor-01").orElseThrow().path("state");
    double applied = Double.NaN;
    for (JsonNode loop : loops.path("info").path("loops")) {
      if (loop.path("loopId").asText().equals("temperature")) {
        applied = loop.path("setpoint").asDouble();
      }
    }
    assertEquals(33.5, applied, 1e-9, "the reactor runs the new setpoint");
    browser.look("reactor");

    // a guided calibration: the reactor waits for a settled reading; the request is audited
    browser.driver().findElement(By.id("cal-ph-value")).clear();
    browser.driver().findElement(By.id("cal-ph-value")).sendKeys("7.00");
    browser.driver().findElement(By.id("cal-ph-reason")).sendKeys("buffer 7.00 check");
    browser
        .driver()
        .findElement(By.cssSelector("article[data-probe='ph'] button[type='submit']"))
        .click();
    assertTrue(browser.confirm().contains("ph-mid = 7.00"));
    browser.script("document.querySelector(\"article[data-probe='ph'] details\").open = true");
    browser.await(
        Duration.ofSeconds(20),
        "the calibration in the probe's history",
        () -> browser.text().contains("ph-mid = 7 by admin (buffer 7.00 check)") ? true : null);
    browser.look("calibration");
  }

  private static void readTheAuditTrail(Browser browser) {
    browser.open("#/audit");
    browser.await(
        Duration.ofSeconds(10),
        "the setpoint change in the audit trail with its reason",
        () -> browser.text().contains("cooler for induction") ? true : null);
    browser.driver().findElement(By.id("audit-verify")).click();
    browser.await(
        Duration.ofSeconds(20),
        "the chain verified intact",
        () -> browser.text().contains("The chain is intact") ? true : null);
    String csv =
        (String)
            browser.script(
                "return fetch(document.getElementById('audit-export').href).then(r => r.text())");
    assertTrue(csv.startsWith("seq,at,actor,action"), csv);
    assertTrue(csv.contains("cooler for induction"), csv);
    browser.look("audit");

    browser.open("#/users");
    browser.await(
        Duration.ofSeconds(10),
        "the users page lists the viewer",
        () -> browser.text().contains("vic") ? true : null);
    browser.look("users");
  }

  private static void approveABoard(Browser browser, CoordinatorApi api) {
    browser.open("#/boards");
    WebElement row =
        browser.await(
            Duration.ofSeconds(60),
            "reactor-03 waiting to join",
            () ->
                browser
                    .driver()
                    .findElements(By.cssSelector("tr[data-board='reactor-03']"))
                    .stream()
                    .findFirst()
                    .orElse(null));
    String fingerprint =
        api.get("/api/enrolments").orElseThrow().get(0).path("fingerprint").asText();
    assertTrue(row.getText().contains(fingerprint.substring(0, 16)), row.getText());
    browser.look("boards");
    browser.driver().findElement(By.cssSelector("[aria-label='approve board reactor-03']")).click();
    assertTrue(browser.answerPrompt("bench C").contains("approving board reactor-03"));
    browser.await(
        Duration.ofSeconds(10),
        "the approval said",
        () -> browser.text().contains("Board reactor-03 approved") ? true : null);
    Await.until(
        Duration.ofSeconds(90),
        "reactor-03 streams once approved",
        () -> api.latest("reactor-03").map(l -> l.path("sensors").size() == 1).orElse(false));
    browser.open("");
    browser.await(
        Duration.ofSeconds(30), "reactor-03 on the fleet page", () -> card(browser, "reactor-03"));
  }

  private static void groupAReactor(Browser browser, CoordinatorApi api) throws Exception {
    browser.open("#/groups");
    browser.await(By.id("new-group"), "the new group form");
    browser.driver().findElement(By.id("group-id")).sendKeys("room-b");
    browser.driver().findElement(By.id("group-name")).sendKeys("Room B");
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("group-kind")))
        .selectByValue("room");
    browser.driver().findElement(By.id("group-reason")).sendKeys("the new room");
    browser.driver().findElement(By.cssSelector("#new-group button[type=submit]")).click();
    WebElement pick = browser.await(By.id("add-to-room-b"), "room-b's add-member choice");
    new org.openqa.selenium.support.ui.Select(pick).selectByValue("reactor-02");
    browser
        .driver()
        .findElement(By.cssSelector("[aria-label='add the chosen reactor to Room B']"))
        .click();
    assertTrue(browser.answerPrompt("moved in").contains("adding reactor-02 to Room B"));
    browser.await(
        By.cssSelector("tr[data-group='room-b'] li[data-member='reactor-02']"),
        "reactor-02 listed in Room B");
    browser.look("groups");
    seeAndCommandAGroup(browser);
    JsonNode audit = api.get("/api/audit").orElseThrow();
    assertTrue(
        audit.toString().contains("group-member-added"), "the member change is audited: " + audit);

    browser.open("");
    browser.await(
        By.cssSelector("#fleet-group option[value='room-b']"), "room-b in the group filter");
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("fleet-group")))
        .selectByValue("room-b");
    browser.await(
        Duration.ofSeconds(5),
        "only Room B's reactor shows",
        () -> card(browser, "reactor-01").isDisplayed() ? null : true);
    assertTrue(card(browser, "reactor-02").isDisplayed());
    browser.look("fleet-room-b");
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("fleet-group")))
        .selectByValue("");
    // a user's scope is a group, chosen on the users page
    browser.open("#/users");
    WebElement scope = browser.await(By.cssSelector("[aria-label='scope of vic']"), "vic's scope");
    new org.openqa.selenium.support.ui.Select(scope).selectByValue("room-b");
    browser
        .driver()
        .findElement(By.cssSelector("[aria-label='save the role and scope of vic']"))
        .click();
    browser.answerPrompt("works in room B");
    browser.await(
        Duration.ofSeconds(10),
        "vic scoped to Room B",
        () -> browser.text().contains("vic is now viewer of Room B") ? true : null);
    assertEquals("room-b", api.get("/api/users/vic").orElseThrow().get("scope").asText());
    browser.look("users-scoped");
  }

  private static void seeALinkCutAndItsRecovery(
      Browser browser, CoordinatorApi api, FaultProxy link) {
    browser.open("");
    browser.await(By.cssSelector("article[data-reactor='reactor-02'] dd"), "the fleet's cards");
    link.cut();
    browser.await(
        Duration.ofSeconds(60),
        "reactor-02 shown unreachable",
        () -> badge(browser, "reactor-02").startsWith("unreachable since") ? true : null);
    browser.look("fleet-unreachable");
    exportWhileNothingIsStored(browser, api, "reactor-02");
    browser.open("");
    browser.await(By.cssSelector("article[data-reactor='reactor-02'] dd"), "the fleet's cards");
    // every text the badge shows from now on (the page reloaded: a new observer)
    browser.script(
        "window.seenStates = [];"
            + "const badge = document.querySelector(\"article[data-reactor='reactor-02'] .badge\");"
            + "new MutationObserver(() => window.seenStates.push(badge.textContent))"
            + ".observe(badge, {childList: true, characterData: true, subtree: true});");
    // the reactor goes on logging while its link is down: 20 s of backlog, sent back through a
    // slow link (4 KB/s each way), so that catching up lasts long enough to be seen
    Instant cut = Instant.now();
    Await.until(
        Duration.ofSeconds(30),
        "20 s of readings held on reactor-02",
        () -> Duration.between(cut, Instant.now()).toSeconds() >= 20);
    link.restore();
    link.throttle(4096);
    browser.await(
        Duration.ofSeconds(90),
        "reactor-02 shown catching up",
        () -> badge(browser, "reactor-02").startsWith("catching up") ? true : null);
    browser.look("fleet-catching-up");
    link.restore();
    browser.await(
        Duration.ofSeconds(90),
        "reactor-02 live again",
        () -> badge(browser, "reactor-02").equals("live") ? true : null);
    @SuppressWarnings("unchecked")
    List<String> seen = new ArrayList<>((List<String>) browser.script("return window.seenStates"));
    System.out.println("[web-ui] reactor-02 shown as: " + seen);
    List<String> kinds = new ArrayList<>();
    for (String text : seen) {
      String kind = text.replaceAll(" (since|·).*", "");
      if (kinds.isEmpty() || !kinds.get(kinds.size() - 1).equals(kind)) {
        kinds.add(kind);
      }
    }
    assertEquals(List.of("unreachable", "catching up", "live"), kinds, "in this order: " + seen);
  }

  /**
   * The export page's CSV of a reactor whose link is cut (so nothing of it is being stored) holds
   * one row per stored reading: as many as completeness counts once the history writer has saved
   * its stored ranges (with its offset, at most 5 s after its last write; they never count more
   * than the rows hold).
   */
  private static void exportWhileNothingIsStored(
      Browser browser, CoordinatorApi api, String reactor) {
    browser.open("#/export");
    browser.await(By.id("export-" + reactor), "the export page").click();
    WebElement download = browser.await(By.id("export-download"), "the download link");
    browser.await(
        Duration.ofSeconds(5),
        "the download link enabled",
        () -> "false".equals(download.getAttribute("aria-disabled")) ? true : null);
    browser.look("export");
    String csv =
        (String)
            browser.script(
                "return fetch(document.getElementById('export-download').href)"
                    + ".then(r => r.ok ? r.text() : 'HTTP ' + r.status)");
    String[] rows = csv.split("\n");
    assertEquals("time,reactor,sensor,seq,value,unit,quality,calibration", rows[0], csv);
    long exported = rows.length - 1;
    Await.until(
        Duration.ofSeconds(20),
        () -> "completeness counts the " + exported + " exported: " + storedCount(api, reactor),
        () -> storedCount(api, reactor) == exported);
    System.out.println("[web-ui] exported " + exported + " readings of " + reactor);
  }

  /** The readings of {@code reactor} stored, as completeness counts them. */
  private static long storedCount(CoordinatorApi api, String reactor) {
    long stored = 0;
    for (JsonNode sensor :
        api.get("/api/reactors/" + reactor + "/completeness").orElseThrow().path("sensors")) {
      stored += sensor.path("count").asLong();
    }
    return stored;
  }

  /** The group's page: its members on one chart, and a command for all of them. */
  private static void seeAndCommandAGroup(Browser browser) {
    browser.open("#/groups/room-b");
    browser.await(
        Duration.ofSeconds(15),
        "room-b's chart of temperatures",
        () -> {
          String points =
              browser.driver().findElement(By.id("group-chart")).getAttribute("data-points");
          return points != null && Integer.parseInt(points) > 0 ? true : null;
        });
    browser.await(By.cssSelector("#gc-loop option[value='temperature']"), "the members' loops");
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("gc-type")))
        .selectByValue("set-loop-mode");
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("gc-mode")))
        .selectByValue("auto");
    browser.driver().findElement(By.id("gc-reason")).sendKeys("keep room B on auto");
    browser.driver().findElement(By.cssSelector("#group-command button[type=submit]")).click();
    assertTrue(browser.confirm().contains("auto\" to the 1 reactor of Room B"));
    browser.await(
        Duration.ofSeconds(30),
        "reactor-02 applied the group's command",
        () ->
            browser
                    .driver()
                    .findElements(
                        By.cssSelector(
                            "article.group-command[data-complete='true']"
                                + " li[data-reactor='reactor-02'][data-outcome='applied']"))
                    .isEmpty()
                ? null
                : true);
    browser.look("group");
  }

  /** A run started, annotated (drawn on the charts) and ended on the reactor page. */
  private static void runAReactor(Browser browser, CoordinatorApi api) {
    browser.open("#/reactors/reactor-02");
    browser.await(By.id("run-name"), "the form to start a run").sendKeys("batch 7");
    browser.driver().findElement(By.id("run-description")).sendKeys("E. coli, 2 L");
    browser.driver().findElement(By.cssSelector("#run-start details summary")).click();
    new org.openqa.selenium.support.ui.Select(
            browser.driver().findElement(By.id("run-profile-loop")))
        .selectByValue("temperature");
    browser
        .driver()
        .findElement(By.id("run-profile"))
        .sendKeys("37 for 4 min\nramp to 38 for 10 min");
    browser.driver().findElement(By.cssSelector("#run-start button[type=submit]")).click();
    browser.await(
        Duration.ofSeconds(5),
        "a profile line it cannot read is named",
        () -> browser.text().contains("Profile line 2 (\"ramp to 38 for 10 min\")") ? true : null);
    WebElement profile = browser.driver().findElement(By.id("run-profile"));
    profile.clear();
    profile.sendKeys("37 for 4 min\nramp to 38 over 10 min\n38 for 1 h");
    browser.driver().findElement(By.cssSelector("#run-start button[type=submit]")).click();
    browser.await(By.cssSelector("[data-running]"), "the run running");
    browser.await(
        Duration.ofSeconds(30),
        "the loop card shows the profile the reactor runs",
        () ->
            browser
                    .driver()
                    .findElement(
                        By.cssSelector("article[data-loop='temperature'] dd[data-field='profile']"))
                    .getText()
                    .startsWith("'batch-7' segment 1 of 3: 37 for 4 min")
                ? true
                : null);
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("note-kind")))
        .selectByValue("inoculation");
    browser.driver().findElement(By.id("note-text")).sendKeys("5 mL seed culture");
    browser.driver().findElement(By.cssSelector("#run-annotate button[type=submit]")).click();
    browser.await(By.cssSelector("#run-annotations li[data-kind='inoculation']"), "the annotation");
    browser.await(
        Duration.ofSeconds(10),
        "the run's start, profile and annotation marked on the temperature chart",
        () ->
            "3"
                    .equals(
                        browser
                            .driver()
                            .findElement(By.cssSelector("figure[data-sensor='temperature']"))
                            .getAttribute("data-markers"))
                ? true
                : null);
    browser.look("reactor-run");
    browser.driver().findElement(By.id("run-end")).click();
    assertTrue(browser.answerPrompt("harvested").contains("ending batch 7"));
    browser.await(
        Duration.ofSeconds(10),
        "no run running",
        () -> browser.text().contains("No run is running.") ? true : null);
    stopTheProfile(browser);
    readTheRunReport(browser, api);
    Await.until(
        Duration.ofSeconds(10),
        "the run's start, annotation and end in the audit trail",
        () ->
            api.get("/api/audit?reactor=reactor-02")
                .map(
                    a ->
                        a.toString().contains("run-started")
                            && a.toString().contains("run-annotated")
                            && a.toString().contains("run-ended"))
                .orElse(false));
  }

  /** The ended run's report: its sensors, annotations and the zip of everything. */
  private static void readTheRunReport(Browser browser, CoordinatorApi api) {
    browser.driver().findElement(By.cssSelector("#run-list li a")).click();
    browser.await(
        By.cssSelector("#report-sensors tr[data-sensor='temperature']"), "the run's sensors");
    browser.await(By.cssSelector("#report-annotations li[data-kind='profile']"), "its profile");
    browser.await(By.cssSelector("#report-chart[data-buckets]"), "the chart of the whole run");
    browser.look("run-report");
    String href = browser.driver().findElement(By.id("report-download")).getAttribute("href");
    try (var zip =
        new java.util.zip.ZipInputStream(
            new java.io.ByteArrayInputStream(
                api.download(java.net.URI.create(href).getRawPath())))) {
      assertEquals("README.txt", zip.getNextEntry().getName(), "a zip of the run");
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError("the run's download: " + e, e);
    }
  }

  /** The profile outlives its run; an operator stops it from the loop card. */
  private static void stopTheProfile(Browser browser) {
    WebElement card =
        browser.driver().findElement(By.cssSelector("article[data-loop='temperature']"));
    card.findElement(By.cssSelector("details summary")).click();
    card.findElement(By.id("loop-temperature-profile-reason")).sendKeys("batch harvested");
    card.findElement(By.xpath(".//button[text()='Stop the profile']")).click();
    assertTrue(browser.confirm().contains("stop the profile"));
    browser.await(
        Duration.ofSeconds(30),
        "the loop holds where the profile was, with no profile",
        () ->
            card.findElements(By.cssSelector("dd[data-field='profile']")).isEmpty() ? true : null);
  }

  private static void acknowledgeAnAlarm(Browser browser, CoordinatorApi api) {
    browser.open("");
    WebElement banner = browser.driver().findElement(By.id("alarm-banner"));
    browser.await(
        Duration.ofSeconds(30),
        "the banner tells of both reactors' alarms",
        () ->
            banner.isDisplayed() && banner.getText().contains("2 alarms to acknowledge")
                ? true
                : null);
    assertTrue(banner.getText().contains("2 minor"), banner.getText());
    browser.await(
        Duration.ofSeconds(10),
        "each card counts its alarm",
        () -> "1".equals(card(browser, "reactor-01").getAttribute("data-alarms")) ? true : null);
    browser.look("fleet-alarms");

    browser.open("#/alarms");
    browser.await(
        By.cssSelector("tr[data-alarm='reactor-01.warm.1']"), "reactor-01's alarm listed");
    browser
        .driver()
        .findElement(By.cssSelector("[aria-label='acknowledge reactor-01.warm.1']"))
        .click();
    assertTrue(browser.answerPrompt("heater checked").contains("temperature above 30.0"));
    browser.await(
        Duration.ofSeconds(10),
        "acknowledged, by whom and why",
        () ->
            browser
                    .driver()
                    .findElement(By.cssSelector("tr[data-alarm='reactor-01.warm.1']"))
                    .getText()
                    .contains("admin: heater checked")
                ? true
                : null);
    browser.await(
        Duration.ofSeconds(10),
        "one left to acknowledge",
        () -> banner.getText().contains("1 alarm to acknowledge") ? true : null);
    browser.look("alarms");
    Await.until(
        Duration.ofSeconds(10),
        "the acknowledgement is in the audit trail",
        () ->
            api.get("/api/audit?reactor=reactor-01")
                .map(a -> a.toString().contains("alarm-acknowledged"))
                .orElse(false));
  }

  private static void viewerSeesNoControls(Browser browser, CoordinatorApi api) {
    browser.logIn("vic", VIEWER_PASSWORD);
    browser.await(By.cssSelector("article[data-reactor='reactor-01'] dd"), "the viewer's fleet");
    browser.open("#/reactors/reactor-01");
    browser.await(By.cssSelector("article[data-loop='temperature'] dd"), "the viewer's loops");
    assertTrue(
        browser.driver().findElements(By.cssSelector("form.control, form.calibrate")).isEmpty(),
        "a viewer sees no control forms");
    assertTrue(browser.text().contains("Your role can watch, not command."));
    assertFalse(
        browser.driver().findElement(By.cssSelector("a[data-nav='users']")).isDisplayed(),
        "no users page in a viewer's menu");
    browser.look("reactor-viewer");
    browser.open("#/alarms");
    browser.await(By.cssSelector("tr[data-alarm='reactor-02.warm.1']"), "the viewer's alarm list");
    assertTrue(
        browser.driver().findElements(By.cssSelector("[aria-label^='acknowledge']")).isEmpty(),
        "a viewer cannot acknowledge");

    browser.open("#/account");
    browser.await(By.id("current-password"), "the account page").sendKeys(VIEWER_PASSWORD);
    browser.driver().findElement(By.id("new-password")).sendKeys("vic's newer long password");
    browser.driver().findElement(By.id("repeat-password")).sendKeys("vic's newer long password");
    browser.driver().findElement(By.cssSelector("#password-form button")).click();
    browser.await(
        Duration.ofSeconds(10),
        "the password changed",
        () ->
            browser.text().contains("Password changed. Your other sessions are signed out.")
                ? true
                : null);
    browser.look("account");
    browser.open("#/alarms");
    browser.await(
        By.cssSelector("tr[data-alarm='reactor-02.warm.1']"),
        "the alarms again: the session the password was changed in is still logged in");
  }

  private static void makeViewer(CoordinatorApi api) throws Exception {
    var made =
        api.post(
            "/api/users",
            "{\"name\": \"vic\", \"displayName\": \"Vic Viewer\", \"roles\": [\"viewer\"],"
                + " \"password\": \""
                + VIEWER_PASSWORD
                + "\", \"reason\": \"web UI test\"}");
    assertEquals(201, made.statusCode(), made.body());
  }

  private static WebElement card(Browser browser, String reactor) {
    return browser.driver().findElement(By.cssSelector("article[data-reactor='" + reactor + "']"));
  }

  private static String badge(Browser browser, String reactor) {
    return card(browser, reactor).findElement(By.cssSelector(".badge")).getText();
  }

  private static long shownSeq(Browser browser, String reactor, String sensor) {
    List<WebElement> shown =
        browser
            .driver()
            .findElements(
                By.cssSelector(
                    "article[data-reactor='" + reactor + "'] dd[data-sensor='" + sensor + "']"));
    return shown.isEmpty() ? -1 : Long.parseLong(shown.get(0).getAttribute("data-seq"));
  }

  private static long latestSeq(CoordinatorApi api, String reactor, String sensor) {
    for (JsonNode reading : api.latest(reactor).orElseThrow().path("sensors")) {
      if (reading.path("sensorId").asText().equals(sensor)) {
        return reading.path("seq").asLong();
      }
    }
    throw new AssertionError("no " + sensor + " reading of " + reactor);
  }
}
