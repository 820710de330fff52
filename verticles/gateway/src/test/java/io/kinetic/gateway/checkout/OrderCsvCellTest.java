package io.kinetic.gateway.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The orders CSV's cells as a spreadsheet reads them: text a customer typed (a name, an address)
 * never becomes a formula, whether the spreadsheet splits on ',' or, as German Excel does, on ';'.
 */
class OrderCsvCellTest {

  @Test
  void aLeadingFormulaCharacterIsTakenAsText() {
    assertEquals("'=1+1", OrderCsv.cell("=1+1"));
    assertEquals("'+49 30 1234", OrderCsv.cell("+49 30 1234"));
    assertEquals("'@SUM(A1)", OrderCsv.cell("@SUM(A1)"));
    assertEquals("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", OrderCsv.cell("=HYPERLINK(\"x\",\"y\")"));
  }

  @Test
  void aSemicolonOrTabKeepsTheCellWholeInASemicolonLocale() {
    // unquoted, ';' would end the cell there and '=1+1' start the next one
    assertEquals("\";=1+1\"", OrderCsv.cell(";=1+1"));
    assertEquals("\"Ada;=1+1\"", OrderCsv.cell("Ada;=1+1"));
    assertEquals("\"a\tb\"", OrderCsv.cell("a\tb"));
    assertEquals("Ada Lovelace", OrderCsv.cell("Ada Lovelace"));
  }
}
