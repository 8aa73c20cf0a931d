package io.forelight.frms.reactor.driver.w1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.driver.DriverException;
import org.junit.jupiter.api.Test;

class Ds18b20ReadingTest {

  @Test
  void readsMillidegrees() throws Exception {
    assertEquals(
        23.125,
        Ds18b20Reading.parse(
            "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n"));
  }

  @Test
  void readsBelowZero() throws Exception {
    assertEquals(
        -1.938,
        Ds18b20Reading.parse(
            "e1 ff 4b 46 7f ff 0f 10 ab : crc=ab YES\ne1 ff 4b 46 7f ff 0f 10 ab t=-1938\n"));
  }

  @Test
  void rejectsAFailedKernelCrcCheck() {
    assertMessage(
        "72 01 4b 46 7f ff 0e 10 58 : crc=58 NO\n72 01 4b 46 7f ff 0e 10 58 t=23125",
        "CRC check failed");
  }

  @Test
  void rejectsAScratchpadWhoseCrcDoesNotMatchEvenIfTheKernelSaidYes() {
    assertMessage(
        "72 01 4b 46 7f ff 0e 10 99 : crc=99 YES\n72 01 4b 46 7f ff 0e 10 99 t=23125",
        "does not match");
  }

  @Test
  void rejectsAnAllZeroScratchpad() {
    assertMessage(
        "00 00 00 00 00 00 00 00 00 : crc=00 YES\n00 00 00 00 00 00 00 00 00 t=0", "all-zero");
  }

  @Test
  void rejectsThePowerOnValue() {
    assertMessage(
        "50 05 4b 46 7f ff 0c 10 1c : crc=1c YES\n50 05 4b 46 7f ff 0c 10 1c t=85000",
        "power-on value");
  }

  @Test
  void rejectsIncompleteOrGarbledAnswers() {
    assertMessage("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES", "incomplete");
    assertMessage(
        "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57", "no temperature");
    assertMessage("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 t=2x3", "not a number");
    assertMessage("zz 01 4b 46 7f ff 0e 10 57 : crc=57 YES\nt=1", "not hex");
  }

  private static void assertMessage(String answer, String expected) {
    DriverException error = assertThrows(DriverException.class, () -> Ds18b20Reading.parse(answer));
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }
}
