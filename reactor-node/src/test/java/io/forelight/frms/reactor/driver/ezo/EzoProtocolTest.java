package io.forelight.frms.reactor.driver.ezo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.driver.DriverException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EzoProtocolTest {

  private final FakeEzoCircuit circuit = new FakeEzoCircuit();
  private final List<Duration> pauses = new ArrayList<>();
  private final EzoProtocol protocol = new EzoProtocol(circuit, pauses::add);

  @Test
  void readsAValueAfterTheCircuitsProcessingDelay() throws Exception {
    circuit.answer(1, "7.012");
    assertEquals(7.012, protocol.read(Duration.ofMillis(900)));
    assertEquals(List.of("R"), circuit.commands);
    assertEquals(List.of(Duration.ofMillis(900)), pauses);
  }

  @Test
  void takesTheFirstFieldOfAMultiFieldAnswer() throws Exception {
    circuit.answer(1, "8.57,94.2");
    assertEquals(8.57, protocol.read(Duration.ofMillis(600)));
    circuit.answer(1, "1413.0,763,0.70,1.000");
    assertEquals(1413.0, protocol.read(Duration.ofMillis(600)));
  }

  @Test
  void waitsWhileTheCircuitIsStillProcessing() throws Exception {
    circuit.answer(254, "").answer(254, "").answer(1, "36.950");
    assertEquals(36.95, protocol.read(Duration.ofMillis(600)));
    assertEquals(3, pauses.size());
  }

  @Test
  void givesUpWhenTheCircuitNeverFinishes() {
    for (int i = 0; i < 20; i++) {
      circuit.answer(254, "");
    }
    DriverException error = assertThrows(DriverException.class, () -> protocol.read(Duration.ZERO));
    assertTrue(error.getMessage().contains("still processing"), error.getMessage());
  }

  @Test
  void reportsSyntaxErrorsNoDataAndUnknownStatus() {
    circuit.answer(2, "");
    assertMessage("syntax error");
    circuit.answer(255, "");
    assertMessage("no data");
    circuit.answer(17, "");
    assertMessage("unknown status 17");
  }

  @Test
  void rejectsGarbageInsteadOfMakingUpAValue() {
    circuit.answer(1, "7.0x2");
    assertMessage("unreadable answer");
    circuit.answerBytes((byte) 1, (byte) '7', (byte) 0x07, (byte) '1', (byte) 0);
    assertMessage("non-ASCII byte 0x7");
    circuit.answer(1, "");
    assertMessage("unreadable answer");
  }

  @Test
  void reportsAnRtdWithoutProbe() {
    circuit.answer(1, "-1023.000");
    assertMessage("no probe connected");
  }

  @Test
  void reportsASilentCircuit() {
    assertMessage("no answer");
  }

  @Test
  void passesBusErrorsOn() {
    circuit.failNextRead = new IOException("Remote I/O error");
    assertThrows(IOException.class, () -> protocol.read(Duration.ZERO));
  }

  private void assertMessage(String expected) {
    DriverException error = assertThrows(DriverException.class, () -> protocol.read(Duration.ZERO));
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }
}
