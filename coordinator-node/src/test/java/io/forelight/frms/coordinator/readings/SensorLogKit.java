package io.forelight.frms.coordinator.readings;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** A SensorLog under Pekko's event-sourced test kit (in-memory journal, CBOR serialization). */
final class SensorLogKit {

  private SensorLogKit() {}

  /** A fresh actor system for one test class (terminate it after the class). */
  static TestKitJunitResource system() {
    return new TestKitJunitResource(
        EventSourcedBehaviorTestKit.config()
            .withFallback(
                ConfigFactory.parseString(
                    "pekko.actor.serialization-bindings"
                        + " {\"io.forelight.frms.coordinator.CborSerializable\" = jackson-cbor}")));
  }

  /** A new SensorLog of reactor r1, with no listeners. */
  static EventSourcedBehaviorTestKit<SensorLog.Command, SensorLog.Event, SensorLog.State> log(
      TestKitJunitResource testKit) {
    return EventSourcedBehaviorTestKit.create(
        testKit.system(), SensorLog.create("r1", SensorLog.Listeners.NONE));
  }
}
