package io.forelight.frms.reactor.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.apache.pekko.grpc.Trailers;
import org.junit.jupiter.api.Test;

class LinkErrorsTest {

  @Test
  @SuppressWarnings("deprecation")
  void aFailedLogWriteIsUnavailableWithItsReasonNotInternal() throws Exception {
    Trailers trailers =
        LinkErrors.mapper()
            .apply(null)
            .apply(new CompletionException(new IOException("No space left on device")));
    assertEquals(Status.Code.UNAVAILABLE, trailers.status().getCode());
    assertTrue(
        trailers.status().getDescription().contains("No space left on device"),
        trailers.status().getDescription());
  }
}
