package io.forelight.frms.reactor.driver.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import io.forelight.frms.reactor.actuator.ActuatorDriver;
import io.forelight.frms.reactor.actuator.ActuatorDriverFactory;
import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import java.util.Set;

/**
 * {@code driver = gpio}: an on/off output on a GPIO line through Pi4J (provider {@code
 * gpiod-digital-output}), for a solid-state relay, a valve or a pump. Settings: {@code pin} (the
 * BCM GPIO number, not the header pin), {@code active-low} (true when the load is on while the line
 * is low), {@code provider} (another Pi4J provider id, for tests). The line starts off and Pi4J's
 * shutdown state is off, so a stopping JVM leaves the load off; a pull resistor holding the relay
 * input off keeps it off if the process dies and the line floats (see the README's wiring).
 */
public final class GpioOutputFactory implements ActuatorDriverFactory {

  @Override
  public String name() {
    return "gpio";
  }

  @Override
  public Set<String> settings() {
    return Set.of("pin", "active-low", "provider");
  }

  @Override
  public void validate(String configPath, ActuatorSpec spec) {
    GpioSettings.integer(configPath, spec, "pin", 0, 63);
  }

  @Override
  public ActuatorDriver open(ActuatorSpec spec, DriverContext context) {
    String path = "actuator " + spec.id();
    int pin = GpioSettings.integer(path, spec, "pin", 0, 63);
    boolean activeLow = spec.setting("active-low").map(Boolean::parseBoolean).orElse(false);
    DigitalState off = activeLow ? DigitalState.HIGH : DigitalState.LOW;
    DigitalState on = activeLow ? DigitalState.LOW : DigitalState.HIGH;
    Context pi4j = context.pi4j();
    DigitalOutputProvider provider =
        pi4j.provider(spec.setting("provider").orElse("gpiod-digital-output"));
    DigitalOutput line =
        provider.create(
            DigitalOutput.newConfigBuilder(pi4j)
                .id("frms-" + spec.id())
                .name(spec.kind().configName() + " " + spec.id())
                .address(pin)
                .initial(off)
                .shutdown(off)
                .build());
    return new ActuatorDriver() {
      @Override
      public boolean onOff() {
        return true;
      }

      @Override
      public void set(double level) {
        line.state(level >= 0.5 ? on : off);
      }

      @Override
      public void close() {
        line.state(off);
        pi4j.shutdown(line.id());
      }
    };
  }
}
