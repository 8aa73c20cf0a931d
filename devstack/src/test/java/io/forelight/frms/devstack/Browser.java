package io.forelight.frms.devstack;

import io.forelight.frms.devkit.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the web UI tests: Debian's {@code chromium} and {@code
 * chromium-driver}, named explicitly so that nothing tries to download a browser. Screenshots go to
 * {@code target/screenshots} as test artifacts.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final String base;
  private final ChromeDriver driver;

  Browser(String base, Path profile, int width, int height) {
    HeadlessChromium.requireInstalled();
    this.base = base;
    forgetOldScreenshots();
    System.setProperty("webdriver.chrome.driver", HeadlessChromium.DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(HeadlessChromium.BINARY.toFile());
    options.addArguments(HeadlessChromium.arguments(profile, width, height));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(HeadlessChromium.DRIVER.toFile())
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens {@code #/...} of the UI (or "" for the fleet). */
  void open(String hash) {
    driver.get(base + "/" + hash);
  }

  void logIn(String user, String password) {
    open("");
    await(By.id("login-name"), "the login form").sendKeys(user);
    driver.findElement(By.id("login-password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
  }

  WebElement await(By what, String description) {
    return await(Duration.ofSeconds(30), description, () -> visible(what));
  }

  /** Waits until {@code value} gives non-null, failing with what was expected and the page. */
  <T> T await(Duration timeout, String description, Supplier<T> value) {
    try {
      return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
          .withMessage(() -> description + "; the page shows:\n" + text())
          .ignoring(WebDriverException.class)
          .until(d -> value.get());
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("failed-" + description.replaceAll("[^a-zA-Z0-9]+", "-"));
      throw e;
    }
  }

  WebElement visible(By what) {
    List<WebElement> found = driver.findElements(what);
    return found.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
  }

  String text() {
    try {
      return driver.findElement(By.tagName("body")).getText();
    } catch (WebDriverException e) {
      return "(no page: " + e.getMessage() + ")";
    }
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Answers the page's prompt ({@code window.prompt}) with {@code answer} once it shows. */
  String answerPrompt(String answer) {
    return await(
        Duration.ofSeconds(10),
        "a prompt",
        () -> {
          var prompt = driver.switchTo().alert();
          String text = prompt.getText();
          prompt.sendKeys(answer);
          prompt.accept();
          return text;
        });
  }

  /** Accepts the page's confirmation dialog once it shows, returning its text. */
  String confirm() {
    return await(
        Duration.ofSeconds(10),
        "a confirmation dialog",
        () -> {
          var alert = driver.switchTo().alert();
          String text = alert.getText();
          alert.accept();
          return text;
        });
  }

  /**
   * A screenshot of what a person sees now, and the accessibility basics of it ({@code
   * accessibility.js}: every control labelled, text contrast of WCAG AA); fails naming each problem
   * found.
   */
  Path look(String name) {
    Path file = screenshot(name);
    @SuppressWarnings("unchecked")
    Map<String, Object> checked = (Map<String, Object>) script(ACCESSIBILITY);
    @SuppressWarnings("unchecked")
    List<String> problems = (List<String>) checked.get("problems");
    System.out.printf(
        "[accessibility] %s: %s controls and %s texts checked, %d problems%n",
        name, checked.get("controls"), checked.get("texts"), problems.size());
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "accessibility problems on " + name + ":\n  " + String.join("\n  ", problems));
    }
    return file;
  }

  private static final String ACCESSIBILITY = resource("/accessibility.js");

  private static String resource(String name) {
    try (var in = Browser.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      // the whole page, not only the window: grow the window to the page's height for the shot
      Dimension window = driver.manage().window().getSize();
      Number height = (Number) script("return document.documentElement.scrollHeight");
      driver
          .manage()
          .window()
          .setSize(new Dimension(window.width, Math.min(6000, height.intValue() + 120)));
      try {
        Files.copy(
            driver.getScreenshotAs(OutputType.FILE).toPath(),
            file,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        driver.manage().window().setSize(window);
      }
      return file;
    } catch (IOException | WebDriverException e) {
      System.err.println("no screenshot " + name + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * Screenshots of an earlier run would pass for this one's: those older than this JVM go first
   * (the other browser tests of this run keep theirs).
   */
  private static void forgetOldScreenshots() {
    long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    try (var old = Files.newDirectoryStream(SCREENSHOTS, "*.png")) {
      for (Path png : old) {
        if (Files.getLastModifiedTime(png).toMillis() < started) {
          Files.delete(png);
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // no earlier run
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
