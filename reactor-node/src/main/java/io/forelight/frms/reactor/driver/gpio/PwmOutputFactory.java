package io.forelight.frms.reactor.driver.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.io.pwm.PwmType;
import io.forelight.frms.reactor.actuator.ActuatorDriver;
import io.forelight.frms.reactor.actuator.ActuatorDriverFactory;
import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import java.util.Set;

/**
 * {@code driver = pwm}: a hardware PWM output through Pi4J (provider {@code linuxfs-pwm}), for a
 * stirrer motor driver or a proportional valve. Settings: {@code channel} (the PWM channel of
 * /sys/class/pwm/pwmchip0, not a GPIO number: channel 0 is GPIO 12 or 18, channel 1 GPIO 13 or 19,
 * as the dtoverlay routes them), {@code frequency} in Hz (default 1000), {@code provider} (another
 * Pi4J provider id, for tests). Starts at 0 % and Pi4J's shutdown duty is 0 %.
 */
public final class PwmOutputFactory implements ActuatorDriverFactory {

  @Override
  public String name() {
    return "pwm";
  }

  @Override
  public Set<String> settings() {
    return Set.of("channel", "frequency", "provider");
  }

  @Override
  public void validate(String configPath, ActuatorSpec spec) {
    GpioSettings.integer(configPath, spec, "channel", 0, 15);
    GpioSettings.integer(configPath, spec, "frequency", 1, 1_000_000, 1000);
  }

  @Override
  public ActuatorDriver open(ActuatorSpec spec, DriverContext context) {
    String path = "actuator " + spec.id();
    Context pi4j = context.pi4j();
    PwmProvider provider = pi4j.provider(spec.setting("provider").orElse("linuxfs-pwm"));
    Pwm pwm =
        provider.create(
            Pwm.newConfigBuilder(pi4j)
                .id("frms-" + spec.id())
                .name(spec.kind().configName() + " " + spec.id())
                .address(GpioSettings.integer(path, spec, "channel", 0, 15))
                .pwmType(PwmType.HARDWARE)
                .frequency(GpioSettings.integer(path, spec, "frequency", 1, 1_000_000, 1000))
                .initial(0)
                .shutdown(0)
                .build());
    return new ActuatorDriver() {
      @Override
      public boolean onOff() {
        return false;
      }

      @Override
      public void set(double level) {
        if (level <= 0) {
          pwm.off();
        } else {
          pwm.on(level * 100);
        }
      }

      @Override
      public void close() {
        pwm.off();
        pi4j.shutdown(pwm.id());
      }
    };
  }
}
