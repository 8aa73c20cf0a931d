package io.forelight.frms.coordinator.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.forelight.frms.node.SeenKeys;
import java.io.IOException;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.RequestEntity;

/**
 * The API's JSON: records as objects, instants as ISO-8601 text, NaN values as null (JSON has no
 * NaN), and the set of answered command keys as its size (its fingerprints mean nothing to a
 * reader).
 */
final class Json {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .registerModule(
              new SimpleModule()
                  .addSerializer(
                      SeenKeys.class,
                      new StdSerializer<>(SeenKeys.class) {
                        @Override
                        public void serialize(
                            SeenKeys keys, JsonGenerator json, SerializerProvider provider)
                            throws IOException {
                          json.writeStartObject();
                          json.writeNumberField("keys", keys.size());
                          json.writeEndObject();
                        }
                      }));

  private Json() {}

  static <T> Marshaller<T, RequestEntity> marshaller() {
    return Jackson.marshaller(MAPPER);
  }

  /** {@code value} as compact JSON text (for the audit trail). */
  static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** A double for JSON: null where it is not a number. */
  static Double number(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
