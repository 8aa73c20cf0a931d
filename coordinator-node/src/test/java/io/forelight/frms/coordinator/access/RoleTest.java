package io.forelight.frms.coordinator.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void eachRoleCoversTheOnesBelowIt() {
    assertTrue(Role.ADMIN.covers(Role.OPERATOR));
    assertTrue(Role.OPERATOR.covers(Role.VIEWER));
    assertTrue(Role.VIEWER.covers(Role.VIEWER));
    assertFalse(Role.VIEWER.covers(Role.OPERATOR));
    assertFalse(Role.OPERATOR.covers(Role.ADMIN));
    assertEquals(Role.ADMIN, Role.highest(Set.of(Role.VIEWER, Role.ADMIN)));
  }

  @Test
  void anUnknownRoleIsNamedWithTheOnesThatExist() {
    assertEquals(Role.OPERATOR, Role.parse(" Operator "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Role.parse("root"));
    assertEquals("no role 'root': the roles are viewer, operator, admin", e.getMessage());
  }
}
