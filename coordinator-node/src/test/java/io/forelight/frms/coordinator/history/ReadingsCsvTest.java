package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.coordinator.readings.Quality;
import org.junit.jupiter.api.Test;

class ReadingsCsvTest {

  @Test
  void aRowIsTimeReactorSensorSeqValueUnitQualityCalibration() {
    HistoryStore.Point point =
        new HistoryStore.Point(42, 1_796_220_804_000_250L, 36.5, "°C", Quality.GOOD, "", 0, 3);
    assertEquals(
        "2026-12-02T14:13:24.000250Z,reactor-01,temperature,42,36.5,°C,GOOD,3\n",
        ReadingsCsv.row("reactor-01", "temperature", point));
  }

  @Test
  void aValueThatIsNoNumberIsEmpty() {
    HistoryStore.Point bad =
        new HistoryStore.Point(7, 0, Double.NaN, "pH", Quality.BAD, "no answer", 0, 0);
    assertEquals("1970-01-01T00:00:00Z,r,ph,7,,pH,BAD,0\n", ReadingsCsv.row("r", "ph", bad));
  }

  @Test
  void cellsAreQuotedOnlyWhenNeededAndFormulasAreDefused() {
    assertEquals("reactor-01", ReadingsCsv.cell("reactor-01"));
    assertEquals("\"a,b\"", ReadingsCsv.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", ReadingsCsv.cell("say \"hi\""));
    assertEquals("'=SUM(A1)", ReadingsCsv.cell("=SUM(A1)"));
    assertEquals("", ReadingsCsv.cell(null));
  }
}
