package io.forelight.frms.reactor.driver.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import io.forelight.frms.reactor.actuator.ActuatorDriver;
import io.forelight.frms.reactor.config.ActuatorKind;
import io.forelight.frms.reactor.config.ActuatorLimits;
import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.driver.NodeDriverContext;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GPIO and PWM actuator drivers against Pi4J's mock providers: the lines really pass through
 * Pi4J's API, start off, follow the level, and go off when Pi4J shuts down (its shutdown state).
 */
class GpioOutputsTest {

  private final Context pi4j =
      Pi4J.newContextBuilder()
          .add(MockDigitalOutputProvider.newInstance(), MockPwmProvider.newInstance())
          .build();
  private final NodeDriverContext context =
      new NodeDriverContext(new SimulatedBioreactor(1, 1), () -> pi4j, Path.of("/nonexistent"));

  @AfterEach
  void shutdown() {
    if (!pi4j.isShutdown()) {
      pi4j.shutdown();
    }
  }

  private static ActuatorSpec spec(ActuatorKind kind, String driver, Map<String, String> settings) {
    return new ActuatorSpec(
        "out",
        kind,
        driver,
        new ActuatorLimits(
            1, Duration.ZERO, Duration.ofSeconds(10), Duration.ofMillis(200), 0, 0, 0),
        settings);
  }

  @Test
  void aGpioOutputStartsOffFollowsTheLevelAndIsOffAfterPi4jShutsDown() throws Exception {
    ActuatorSpec spec =
        spec(ActuatorKind.HEATER, "gpio", Map.of("pin", "17", "provider", "mock-digital-output"));
    ActuatorDriver driver = new GpioOutputFactory().open(spec, context);
    DigitalOutput line = pi4j.io("frms-out");
    assertTrue(driver.onOff());
    assertEquals(17, line.address().intValue());
    assertEquals(DigitalState.LOW, line.state(), "starts off");
    driver.set(1);
    assertEquals(DigitalState.HIGH, line.state());
    driver.set(0);
    assertEquals(DigitalState.LOW, line.state());
    driver.set(1);
    pi4j.shutdown(); // what Pi4J's shutdown hook does when the JVM exits
    assertEquals(DigitalState.LOW, line.state(), "the shutdown state is off");
  }

  @Test
  void anActiveLowOutputIsOnWhenTheLineIsLow() throws Exception {
    ActuatorSpec spec =
        spec(
            ActuatorKind.GAS_VALVE,
            "gpio",
            Map.of("pin", "27", "active-low", "true", "provider", "mock-digital-output"));
    ActuatorDriver driver = new GpioOutputFactory().open(spec, context);
    DigitalOutput line = pi4j.io("frms-out");
    assertEquals(DigitalState.HIGH, line.state(), "off is high");
    driver.set(1);
    assertEquals(DigitalState.LOW, line.state());
    driver.close();
    assertFalse(pi4j.registry().exists("frms-out"), "closing releases the line");
  }

  @Test
  void aPwmOutputSetsTheDutyOnItsChannel() throws Exception {
    ActuatorSpec spec =
        spec(
            ActuatorKind.STIRRER,
            "pwm",
            Map.of("channel", "1", "frequency", "2000", "provider", "mock-pwm"));
    ActuatorDriver driver = new PwmOutputFactory().open(spec, context);
    Pwm pwm = pi4j.io("frms-out");
    assertFalse(driver.onOff());
    assertEquals(1, pwm.address(), "the address is the PWM channel");
    assertFalse(pwm.isOn(), "starts off");
    driver.set(0.4);
    assertTrue(pwm.isOn());
    assertEquals(40, pwm.dutyCycle(), 1e-3);
    assertEquals(2000, pwm.frequency());
    driver.set(0);
    assertFalse(pwm.isOn());
  }

  @Test
  void aBadPinOrChannelIsAClearConfigError() {
    ConfigProblem pin =
        assertThrows(
            ConfigProblem.class,
            () ->
                new GpioOutputFactory()
                    .validate(
                        "frms.reactor.actuators.heater",
                        spec(ActuatorKind.HEATER, "gpio", Map.of("pin", "GPIO17"))));
    assertTrue(pin.getMessage().contains("frms.reactor.actuators.heater.pin"), pin.getMessage());
    ConfigProblem channel =
        assertThrows(
            ConfigProblem.class,
            () ->
                new PwmOutputFactory()
                    .validate(
                        "frms.reactor.actuators.stirrer",
                        spec(ActuatorKind.STIRRER, "pwm", Map.of())));
    assertTrue(channel.getMessage().contains("channel is missing"), channel.getMessage());
  }
}
