package org.opportune.activity;

import java.util.Arrays;
import java.util.stream.Collectors;

/** RFC 4180 rows whose cells cannot turn into spreadsheet formulas. */
final class Csv {

    private Csv() {
    }

    static String row(String... cells) {
        return Arrays.stream(cells).map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(String value) {
        var safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
