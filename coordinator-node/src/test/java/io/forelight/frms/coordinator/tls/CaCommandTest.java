package io.forelight.frms.coordinator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.NodeKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ca init}: a CA for the named fleet, once; {@code ca sign}: a board's request into its
 * reactor's certificate; every mistake said in one line, exit 2.
 */
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
    assertTrue(err.toString().contains("--years must be a whole number from 1 to 30"));
    assertEquals(2, run("ca", "make"));
    assertTrue(err.toString().contains(CaCommand.USAGE));
  }

  @Test
  void signsABoardsRequestIntoItsReactorsCertificate(@TempDir Path dir) throws Exception {
    Path ca = dir.resolve("ca");
    assertEquals(0, run("ca", "init", "--dir", ca.toString(), "--fleet", "lab-7"));
    Identity asked = new Identity("lab-7", Identity.Role.REACTOR, "whatever");
    NodeKeys board = NodeKeys.open(dir.resolve("board"), asked);
    Path csr = dir.resolve("board").resolve(NodeKeys.REQUEST_FILE);

    assertEquals(
        0,
        run(
            "ca",
            "sign",
            "--dir",
            ca.toString(),
            "--reactor",
            "reactor-01",
            "--csr",
            csr.toString()));
    assertTrue(
        out.toString()
            .contains(
                "signed the certificate of reactor reactor-01 of fleet lab-7 for"
                    + " the key with fingerprint "
                    + board.fingerprint()),
        out.toString());
    Identity reactor = new Identity("lab-7", Identity.Role.REACTOR, "reactor-01");
    assertTrue(
        board.certificate(FleetCa.load(ca).certificate(), reactor, Instant.now()).isPresent(),
        "node.crt beside the request, for the board's key, bound to the reactor named");

    assertEquals(2, run("ca", "sign", "--dir", ca.toString(), "--csr", csr.toString()));
    assertTrue(err.toString().contains("ca sign needs --reactor and --csr"), err.toString());
    assertEquals(
        2, run("ca", "sign", "--dir", ca.toString(), "--reactor", "r 1", "--csr", csr.toString()));
    assertTrue(err.toString().contains("--reactor: a fleet or node id"), err.toString());
    assertEquals(
        2,
        run(
            "ca",
            "sign",
            "--dir",
            ca.toString(),
            "--reactor",
            "r1",
            "--csr",
            ca.resolve("ca.crt").toString()));
    assertTrue(err.toString().contains("is not a PEM certificate request"), err.toString());
  }
}
