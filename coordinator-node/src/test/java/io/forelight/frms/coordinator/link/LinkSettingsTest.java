package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkSettingsTest {

  private final LinkSettings settings =
      LinkSettings.fromConfig(
          ConfigFactory.load("coordinator-node").getConfig("frms.coordinator.link"));

  @Test
  void theShippedDefaultsAreRead() {
    assertEquals(Duration.ofMillis(200), settings.minBackoff());
    assertEquals(Duration.ofSeconds(3), settings.maxBackoff());
    assertEquals(1000, settings.maxBatchSize());
    assertEquals(Duration.ofSeconds(2), settings.maxClockSkew());
  }

  @Test
  void backoffDoublesFromTheMinimumUpToTheMaximumWithBoundedJitter() {
    assertEquals(Duration.ofMillis(200), settings.backoff(1, 0.5));
    assertEquals(Duration.ofMillis(400), settings.backoff(2, 0.5));
    assertEquals(Duration.ofMillis(1600), settings.backoff(4, 0.5));
    assertEquals(Duration.ofSeconds(3), settings.backoff(30, 0.5), "capped");
    for (double random : new double[] {0, 0.25, 0.75, 1}) {
      Duration jittered = settings.backoff(3, random);
      assertTrue(
          jittered.toMillis() >= 560 && jittered.toMillis() <= 1040, "800 ms ± 30 %: " + jittered);
      Duration capped = settings.backoff(30, random);
      assertTrue(
          capped.compareTo(settings.minBackoff()) >= 0
              && capped.compareTo(settings.maxBackoff()) <= 0,
          "never outside min..max: " + capped);
    }
  }
}
