package io.forelight.frms.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AuditCsvTest {

  @Test
  void cellsAreQuotedAndFormulasDefused() {
    assertEquals("\"plain\"", AuditRoutes.cell("plain"));
    assertEquals("\"say \"\"hi\"\"\"", AuditRoutes.cell("say \"hi\""));
    assertEquals("\"'=HYPERLINK(1)\"", AuditRoutes.cell("=HYPERLINK(1)"));
    assertEquals("\"'+1\"", AuditRoutes.cell("+1"));
    assertEquals("", AuditRoutes.cell(null));
  }
}
