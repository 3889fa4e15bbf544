package org.opportune.activity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

    @Test
    void cellsThatASpreadsheetWouldRunAreDefused() {
        assertThat(Csv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(Csv.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    }

    @Test
    void ordinaryCellsAreQuotedAndKept() {
        assertThat(Csv.row("1", "dana", "a,b")).isEqualTo("\"1\",\"dana\",\"a,b\"\r\n");
    }
}
