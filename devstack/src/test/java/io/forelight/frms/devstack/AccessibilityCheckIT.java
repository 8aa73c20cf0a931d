package io.forelight.frms.devstack;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accessibility check the web UI tests run on every page finds what it is meant to find. */
class AccessibilityCheckIT {

  private static void show(Browser browser, String html) {
    browser
        .driver()
        .get(
            "data:text/html;charset=utf-8,"
                + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  @Test
  void findsAnUnlabelledControlAndFaintTextButPassesAGoodPage(@TempDir Path dir) {
    try (Browser browser = new Browser("http://127.0.0.1:9", dir.resolve("chromium"), 800, 600)) {
      show(
          browser,
          "<body style='background:#fff'><label for=a>Name</label><input id=a>"
              + "<button>Save</button><p style='color:#555'>readable</p></body>");
      browser.look("accessibility-good");

      show(browser, "<body><input id=nameless><p>fine text</p></body>");
      AssertionError unlabelled =
          assertThrows(AssertionError.class, () -> browser.look("accessibility-unlabelled"));
      assertTrue(
          unlabelled.getMessage().contains("no label: input#nameless"), unlabelled.getMessage());

      show(
          browser,
          "<body style='background:#222'><div style='background:rgba(255,255,255,0.5)'>"
              + "<span style='color:#aaa'>faint</span></div></body>");
      AssertionError faint =
          assertThrows(AssertionError.class, () -> browser.look("accessibility-faint"));
      assertTrue(faint.getMessage().contains("\"faint\""), faint.getMessage());
    }
  }
}
