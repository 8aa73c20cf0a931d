package io.forelight.frms.coordinator.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.forelight.frms.coordinator.history.HistoryWork;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.coordinator.storage.WriteGate;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetViewTest {

  private final List<ReactorLinkMBean> links = new ArrayList<>();
  private final FleetView fleet =
      new FleetView(
          new File("no-such-fleet.conf"),
          () -> List.copyOf(links),
          new WriteGate(4, 10, Runnable::run),
          new ReadingsInHand(1000, Runnable::run),
          new HistoryWork(1000));

  @Test
  void aNodeWithoutLinksLogsNoSummary() {
    assertNull(fleet.summary());
  }

  @Test
  void theSummaryCountsTheLinksByStateAndTheirReadings() {
    links.add(link("r1", "LIVE", 0, 1200));
    links.add(link("r2", "CATCHING_UP", 5000, 300));
    links.add(link("r3", "UNREACHABLE", 0, 0));

    assertEquals(
        "ingest: 0 readings/s stored (1,500 in all); links 3: 2 connected, 1 catching up,"
            + " 1 unreachable; largest backlog 5,000; writes 0 running, 0 waiting; since the last"
            + " line: stores none, history writes none (0 journal events read back, 0 minutes"
            + " recounted, 0 failed); 0 readings in hand, 0 links waiting for room; 0 history"
            + " readings queued",
        fleet.summary());
  }

  private static ReactorLinkMBean link(String id, String state, long backlog, long stored) {
    return new ReactorLinkMBean() {
      public String getReactorId() {
        return id;
      }

      public String getAddress() {
        return "127.0.0.1:1";
      }

      public String getState() {
        return state;
      }

      public String getStateSince() {
        return "";
      }

      public String getLastSeen() {
        return "";
      }

      public long getBacklog() {
        return backlog;
      }

      public long getLagMillis() {
        return 0;
      }

      public long getReconnects() {
        return 0;
      }

      public long getStoredReadings() {
        return stored;
      }

      public String getLastError() {
        return "";
      }

      public String[] getQuarantinedSensors() {
        return new String[0];
      }

      public long getClockOffsetMillis() {
        return 0;
      }

      public String getClockSkew() {
        return "";
      }
    };
  }
}
