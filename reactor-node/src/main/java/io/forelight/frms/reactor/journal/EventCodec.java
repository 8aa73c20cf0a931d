package io.forelight.frms.reactor.journal;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serialization$;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/** Turns persistent events into stored bytes and back with the system's serializers. */
public final class EventCodec {

  private final Serialization serialization;
  private final ExtendedActorSystem system;

  public EventCodec(ActorSystem system) {
    this.serialization = SerializationExtension.get(system);
    this.system = (ExtendedActorSystem) system;
  }

  StoredEvent encode(PersistentRepr repr) {
    Object payload = repr.payload();
    if (payload instanceof Tagged tagged) {
      payload = tagged.payload();
    }
    long timestamp = repr.timestamp() > 0 ? repr.timestamp() : System.currentTimeMillis();
    return encode(repr.sequenceNr(), timestamp, repr.writerUuid(), payload);
  }

  /** One event as the journal stores it (for tools that append to a log directly). */
  public StoredEvent encode(long seq, long timestampMillis, String writerUuid, Object payload) {
    Serializer serializer = serialization.findSerializerFor(payload);
    return new StoredEvent(
        seq,
        timestampMillis,
        serializer.identifier(),
        Serializers.manifestFor(serializer, payload),
        writerUuid,
        // with the system's address, as Pekko asks of journals: an ActorRef in an event then
        // serializes to a path another node can resolve
        Serialization$.MODULE$.withTransportInformation(
            system, () -> serializer.toBinary(payload)));
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

  /** The event itself, as its serializer reads it back. */
  public Object payload(StoredEvent event) {
    return serialization.deserialize(event.payload(), event.serializerId(), event.manifest()).get();
  }
}
