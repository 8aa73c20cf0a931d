package io.forelight.frms.reactor.journal;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/** Turns persistent events into stored bytes and back with the system's serializers. */
final class EventCodec {

  private final Serialization serialization;

  EventCodec(ActorSystem system) {
    this.serialization = SerializationExtension.get(system);
  }

  StoredEvent encode(PersistentRepr repr) {
    Object payload = repr.payload();
    if (payload instanceof Tagged tagged) {
      payload = tagged.payload();
    }
    Serializer serializer = serialization.findSerializerFor(payload);
    String manifest = Serializers.manifestFor(serializer, payload);
    byte[] bytes = serializer.toBinary(payload);
    long timestamp = repr.timestamp() > 0 ? repr.timestamp() : System.currentTimeMillis();
    return new StoredEvent(
        repr.sequenceNr(), timestamp, serializer.identifier(), manifest, repr.writerUuid(), bytes);
  }

  PersistentRepr decode(String persistenceId, StoredEvent event) {
    return PersistentRepr.apply(
            payload(event),
            event.seq(),
            persistenceId,
            PersistentRepr.Undefined(),
            false,
            ActorRef.noSender(),
            event.writerUuid())
        .withTimestamp(event.timestampMillis());
  }

  Object payload(StoredEvent event) {
    return serialization.deserialize(event.payload(), event.serializerId(), event.manifest()).get();
  }
}
