package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import io.forelight.frms.reactor.layout.Layout;
import io.forelight.frms.reactor.ops.ReactorOps;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Where a probe whose readings depend on temperature (pH, DO, conductivity on an EZO circuit) gets
 * the liquid's temperature: the sensor its {@code temperature-sensor} setting names, else the
 * reactor's first sensor of kind {@code temperature}. NaN (the probe's own default applies) while
 * that sensor has no GOOD reading younger than {@link #FRESH}.
 */
public final class Compensation {

  public static final String SETTING = "temperature-sensor";
  static final Duration FRESH = Duration.ofSeconds(60);

  private Compensation() {}

  /** The temperature sensor this probe is compensated with, if any. */
  public static Optional<String> source(
      SensorSpec spec, SensorDriverFactory factory, Layout layout) {
    if (!factory.compensatesTemperature(spec)) {
      return Optional.empty();
    }
    return spec.setting(SETTING)
        .or(
            () ->
                layout.sensors().values().stream()
                    .filter(s -> s.kind().equals("temperature") && !s.id().equals(spec.id()))
                    .map(SensorSpec::id)
                    .findFirst());
  }

  /** The temperature in °C for the probe's next reading, read from {@code ops} each time. */
  public static DoubleSupplier celsius(Optional<String> source, ReactorOps ops) {
    if (source.isEmpty()) {
      return () -> Double.NaN;
    }
    String id = source.get();
    long freshMicros = FRESH.toNanos() / 1000;
    return () ->
        ops.latest(id)
            .filter(r -> r.quality() == Quality.GOOD && Double.isFinite(r.value()))
            .filter(r -> Clock.nowMicros() - r.takenAtMicros() < freshMicros)
            .map(Sensor.ReadingTaken::value)
            .orElse(Double.NaN);
  }
}
