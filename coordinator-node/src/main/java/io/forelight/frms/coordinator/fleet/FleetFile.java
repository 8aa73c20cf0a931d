package io.forelight.frms.coordinator.fleet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fleet file ({@code conf/reactors.conf}):
 *
 * <pre>
 * reactors {
 *   reactor-01 { address = "10.0.4.21:8101", groups = [pilot-plant, line-a] }
 * }
 * </pre>
 *
 * A bad entry fails the whole file with the key that is wrong, so a typo never silently drops a
 * reactor.
 */
public final class FleetFile {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
  private static final Set<String> ENTRY_KEYS = Set.of("address", "groups");

  /** The file is unusable; the message names the file and the key. */
  public static final class Problem extends RuntimeException {
    public Problem(String message) {
      super(message);
    }
  }

  private FleetFile() {}

  public static List<ReactorEntry> read(File file) {
    if (!file.isFile()) {
      throw new Problem("fleet file " + file + " does not exist");
    }
    try {
      return parse(ConfigFactory.parseFile(file).resolve(), file.toString());
    } catch (ConfigException e) {
      throw new Problem("fleet file " + file + ": " + e.getMessage());
    }
  }

  public static List<ReactorEntry> parse(Config config, String source) {
    if (!config.hasPath("reactors")) {
      throw new Problem(source + ": no 'reactors { ... }' block");
    }
    ConfigObject reactors = config.getObject("reactors");
    List<ReactorEntry> entries = new ArrayList<>();
    for (String id : reactors.keySet()) {
      String key = "reactors." + id;
      if (!ID.matcher(id).matches()) {
        throw new Problem(source + ": " + key + ": an id is 1-63 letters, digits, '-' or '_'");
      }
      ConfigValue value = reactors.get(id);
      if (!(value instanceof ConfigObject object)) {
        throw new Problem(source + ": " + key + " must be { address = \"host:port\" }");
      }
      entries.add(entry(source, key, id, object.toConfig()));
    }
    entries.sort(Comparator.comparing(ReactorEntry::id));
    return List.copyOf(entries);
  }

  private static ReactorEntry entry(String source, String key, String id, Config c) {
    for (String field : c.root().keySet()) {
      if (!ENTRY_KEYS.contains(field)) {
        throw new Problem(source + ": " + key + "." + field + " is not a known setting");
      }
    }
    if (!c.hasPath("address")) {
      throw new Problem(source + ": " + key + ".address is missing");
    }
    String address = c.getString("address");
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new Problem(source + ": " + key + ".address must be host:port, got '" + address + "'");
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new Problem(source + ": " + key + ".address has no valid port: '" + address + "'");
    }
    List<String> groups = c.hasPath("groups") ? c.getStringList("groups") : List.of();
    return new ReactorEntry(id, address.substring(0, colon), port, groups);
  }
}
