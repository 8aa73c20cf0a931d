package io.forelight.frms.coordinator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetFileTest {

  private static List<ReactorEntry> parse(String text) {
    return FleetFile.parse(ConfigFactory.parseString(text), "reactors.conf");
  }

  private static String problem(String text) {
    return assertThrows(FleetFile.Problem.class, () -> parse(text)).getMessage();
  }

  @Test
  void readsEveryReactorWithItsAddressAndGroups() {
    List<ReactorEntry> entries =
        parse(
            "reactors { r-1 { address = \"10.0.0.5:8101\", groups = [room-b] },"
                + " r_2 { address = \"pi-2.lab:9000\" } }");

    assertEquals(
        List.of(
            new ReactorEntry("r-1", "10.0.0.5", 8101, List.of("room-b")),
            new ReactorEntry("r_2", "pi-2.lab", 9000, List.of())),
        entries.stream().sorted(java.util.Comparator.comparing(ReactorEntry::id)).toList());
  }

  @Test
  void namesWhatIsWrongAndWhere() {
    assertTrue(problem("fleet { }").contains("no 'reactors { ... }' block"));
    assertTrue(problem("reactors { \"bad id!\" { address = \"h:1\" } }").contains("an id is 1-63"));
    assertTrue(problem("reactors { r1 = 5 }").contains("r1 must be { address"));
    assertTrue(problem("reactors { r1 { } }").contains("r1.address is missing"));
    assertTrue(problem("reactors { r1 { address = nohost } }").contains("must be host:port"));
    assertTrue(problem("reactors { r1 { address = \"h:port\" } }").contains("no valid port"));
    String unknown = problem("reactors { r1 { address = \"h:1\", adress = \"h:2\" } }");
    assertTrue(unknown.contains("r1.adress is not a known setting"), unknown);
    assertTrue(unknown.startsWith("reactors.conf: "), unknown);
  }

  @Test
  void aMissingOrUnreadableFileIsAProblemNamingIt(@TempDir Path dir) throws Exception {
    File missing = dir.resolve("nope.conf").toFile();
    assertTrue(
        assertThrows(FleetFile.Problem.class, () -> FleetFile.read(missing))
            .getMessage()
            .contains("does not exist"));
    Path broken = Files.writeString(dir.resolve("broken.conf"), "reactors { r1 { address = ");
    String message =
        assertThrows(FleetFile.Problem.class, () -> FleetFile.read(broken.toFile())).getMessage();
    assertTrue(message.startsWith("fleet file " + broken), message);
  }
}
