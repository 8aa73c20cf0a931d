package io.forelight.frms.reactor.layout;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.sensor.CborSerializable;
import java.time.Duration;

/** A change an operator can make to the sensors of a running reactor. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
@JsonSubTypes({
  @JsonSubTypes.Type(value = LayoutChange.SetInterval.class, name = "set-interval"),
  @JsonSubTypes.Type(value = LayoutChange.SetEnabled.class, name = "set-enabled"),
  @JsonSubTypes.Type(value = LayoutChange.AddSensor.class, name = "add-sensor"),
  @JsonSubTypes.Type(value = LayoutChange.RemoveSensor.class, name = "remove-sensor")
})
public sealed interface LayoutChange extends CborSerializable {

  String sensorId();

  record SetInterval(String sensorId, Duration interval) implements LayoutChange {}

  record SetEnabled(String sensorId, boolean enabled) implements LayoutChange {}

  record AddSensor(SensorSpec spec) implements LayoutChange {
    @Override
    public String sensorId() {
      return spec.id();
    }
  }

  record RemoveSensor(String sensorId) implements LayoutChange {}
}
