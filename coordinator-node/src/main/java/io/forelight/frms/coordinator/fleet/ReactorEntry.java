package io.forelight.frms.coordinator.fleet;

import io.forelight.frms.coordinator.CborSerializable;
import java.util.List;

/** A reactor the fleet knows: its id, where its link answers, and its logical groups. */
public record ReactorEntry(String id, String host, int port, List<String> groups)
    implements CborSerializable {

  public ReactorEntry {
    groups = List.copyOf(groups);
  }

  public String address() {
    return host + ":" + port;
  }
}
