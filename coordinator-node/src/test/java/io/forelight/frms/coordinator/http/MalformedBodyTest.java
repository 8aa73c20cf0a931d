package io.forelight.frms.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A body that is not what a route takes is refused naming the field and what was found. */
class MalformedBodyTest {

  private static String problem(String body) {
    return ApiErrors.malformed(
        assertThrows(
            Exception.class, () -> Json.MAPPER.readValue(body, RunRoutes.StartRequest.class)));
  }

  @Test
  void namesTheFieldAndWhatWasThere() {
    String wrongType =
        problem(
            "{\"name\": \"b\", \"profile\": {\"loopId\": \"t\", \"segments\": [{\"setpoint\":"
                + " \"hot\"}]}}");
    assertTrue(
        wrongType.startsWith(
            "the body is not what this request takes: profile.segments[0].setpoint: Cannot"
                + " deserialize value of type `double` from String \"hot\""),
        wrongType);
    String cut = problem("{\"name\": \"b\"");
    assertTrue(cut.startsWith("the body is not JSON: Unexpected end-of-input"), cut);
  }
}
