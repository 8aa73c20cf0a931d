package io.forelight.frms.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.access.Role;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  @Test
  void findsTheEntryOfAMethodAndPathSegmentBySegment() {
    assertEquals(
        Role.OPERATOR, RouteTable.find("POST", "/api/reactors/r-1/commands").orElseThrow().role());
    assertEquals(Role.VIEWER, RouteTable.find("GET", "/api/reactors/r-1").orElseThrow().role());
    assertEquals(
        "/api/reactors/{id}/sensors/{sensor}/history",
        RouteTable.find("GET", "/api/reactors/r-1/sensors/ph/history").orElseThrow().template());
    assertTrue(RouteTable.find("GET", "/api/reactors/r-1/commands").isEmpty());
    assertTrue(RouteTable.find("GET", "/api/reactors/a/b").isEmpty());
    assertTrue(RouteTable.find("GET", "/api/reactors/").isEmpty());
    assertTrue(RouteTable.find("GET", "/api/users/").isEmpty());
    assertTrue(RouteTable.knows("/api/reactors/r-1/commands"));
    assertFalse(RouteTable.knows("/api/nothing"));
  }

  @Test
  void onlyLoggingInAndBoardsEnrollingAreOpenAndNoEntryIsThereTwice() {
    Set<String> open =
        Set.of("POST /api/session", "POST /api/enrolment", "GET /api/enrolment/{reactor}");
    Set<String> seen = new HashSet<>();
    for (RouteTable.Entry entry : RouteTable.ENTRIES) {
      String route = entry.method() + " " + entry.template();
      assertTrue(seen.add(route), entry.toString());
      assertEquals(open.contains(route), entry.role() == null, entry.toString());
    }
  }
}
