package org.opportune.opportunity.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** How the opportunity pages write money, dates and times. */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** {@code EUR 12,500.00}; empty for no value. */
    public static String money(@Nullable BigDecimal value, String currency) {
        if (value == null) {
            return "";
        }
        var format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return currency + " " + format.format(value);
    }

    public static String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String date(@Nullable LocalDate date) {
        return date == null ? "" : date.toString();
    }

    public static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }
}
