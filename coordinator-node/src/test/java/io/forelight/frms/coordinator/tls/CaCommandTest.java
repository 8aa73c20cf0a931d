package io.forelight.frms.coordinator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.node.pki.FleetCa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ca init}: a CA for the named fleet, once; every mistake said in one line, exit 2. */
class CaCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return CaCommand.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void createsTheFleetsCaOnceAndNamesEachMistake(@TempDir Path dir) {
    String ca = dir.resolve("ca").toString();
    assertEquals(0, run("ca", "init", "--dir", ca, "--fleet", "lab-7", "--years", "5"));
    assertTrue(out.toString().startsWith("created the CA of fleet lab-7 in "), out.toString());
    assertEquals("lab-7", FleetCa.load(Path.of(ca)).fleetId());

    assertEquals(2, run("ca", "init", "--dir", ca));
    assertTrue(err.toString().contains("already holds a CA: it is never replaced"), err.toString());
    assertEquals(2, run("ca", "init", "--dir", dir.resolve("x").toString(), "--fleet", "lab 7"));
    assertTrue(
        err.toString().contains("--fleet: a fleet or node id is 1-63 letters"), err.toString());
    assertEquals(2, run("ca", "init", "--years", "forever"));
    assertTrue(err.toString().contains("--years must be a whole number of years from 1 to 30"));
    assertEquals(2, run("ca", "make"));
    assertTrue(err.toString().contains(CaCommand.USAGE));
  }
}
