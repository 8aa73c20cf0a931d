package io.forelight.frms.reactor.layout;

import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.Ids;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.config.SensorSpecs;
import io.forelight.frms.reactor.config.TimerResolution;
import io.forelight.frms.reactor.driver.Drivers;
import io.forelight.frms.reactor.sensor.CborSerializable;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/** The sensors of a reactor as they stand (by id), and the rules a change must follow. */
public record Layout(Map<String, SensorSpec> sensors) implements CborSerializable {

  public Layout {
    sensors = Collections.unmodifiableSortedMap(new TreeMap<>(sensors));
  }

  public static Layout of(Collection<SensorSpec> specs) {
    Map<String, SensorSpec> map = new TreeMap<>();
    specs.forEach(spec -> map.put(spec.id(), spec));
    return new Layout(map);
  }

  public Optional<SensorSpec> sensor(String id) {
    return Optional.ofNullable(sensors.get(id));
  }

  /** Why the change cannot be applied, or empty if it can. */
  public Optional<String> problemWith(
      LayoutChange change,
      Drivers drivers,
      Duration timerResolution,
      ToLongFunction<String> unacknowledgedReadings) {
    String id = change.sensorId();
    if (change instanceof LayoutChange.AddSensor add) {
      if (sensors.containsKey(id)) {
        return Optional.of("sensor " + id + " already exists");
      }
      try {
        Ids.check("sensor id", id);
        SensorSpecs.checkInterval("interval", add.spec().interval());
        drivers.validated("sensor " + id, add.spec());
      } catch (ConfigProblem e) {
        return Optional.of(e.getMessage());
      }
      return TimerResolution.problemWith(add.spec().interval(), timerResolution);
    }
    if (!sensors.containsKey(id)) {
      return Optional.of("sensor " + id + " does not exist");
    }
    if (change instanceof LayoutChange.RemoveSensor) {
      long unacknowledged = unacknowledgedReadings.applyAsLong(id);
      if (unacknowledged > 0) {
        return Optional.of(
            "sensor "
                + id
                + " still holds "
                + unacknowledged
                + " readings not yet stored centrally; disable it and remove it once they are");
      }
    }
    if (change instanceof LayoutChange.SetInterval set) {
      try {
        SensorSpecs.checkInterval("interval", set.interval());
      } catch (ConfigProblem e) {
        return Optional.of(e.getMessage());
      }
      return TimerResolution.problemWith(set.interval(), timerResolution);
    }
    return Optional.empty();
  }

  public Layout apply(LayoutChange change) {
    Map<String, SensorSpec> next = new TreeMap<>(sensors);
    String id = change.sensorId();
    if (change instanceof LayoutChange.AddSensor add) {
      next.put(id, add.spec());
    } else if (change instanceof LayoutChange.RemoveSensor) {
      next.remove(id);
    } else if (change instanceof LayoutChange.SetInterval set) {
      next.put(id, sensors.get(id).withInterval(set.interval()));
    } else if (change instanceof LayoutChange.SetEnabled set) {
      next.put(id, sensors.get(id).withEnabled(set.enabled()));
    }
    return new Layout(next);
  }
}
