package org.opportune.mail.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Inserts rows into a PostgreSQL table with {@code COPY ... FROM STDIN} in binary format, on the caller's
 * transactional connection: for an import's batch cheaper than a JDBC batch of multi-row inserts (no statement to
 * parse, plan and bind for every 128 rows), and binary cheaper than text on both sides (nothing to escape and
 * parse again, no timestamps as text). The rows are the same parameter sources the JDBC inserts take, so both
 * store the same values: each parameter is the column of its name, and its Java type says the column's type
 * ({@code Long} bigint, {@code Integer} integer, {@code Boolean} boolean, {@code String} text or varchar,
 * {@code OffsetDateTime} timestamptz). A type that does not match its column fails the batch, and a test.
 *
 * <p>A failure is the driver's {@link SQLException} with the server's SQL state (a unique key taken, a value
 * too long, a NUL character, a timestamp out of range), translated by the {@link JdbcOperations} like that of an
 * insert.
 */
final class PostgresCopy {

    /** Rows go to the server in pieces of about this many bytes, so a batch of long bodies is not one buffer. */
    private static final int PIECE = 1 << 16;

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final long POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    /** The range the driver sends as {@code -infinity} and {@code infinity} instead of a date (as {@code setObject} does). */
    private static final OffsetDateTime MIN = LocalDate.of(-4712, 1, 1).atStartOfDay().atOffset(ZoneOffset.UTC);
    private static final OffsetDateTime MAX = OffsetDateTime.MAX.minus(Duration.ofMillis(500));

    private PostgresCopy() {
    }

    /**
     * Copies the rows into the table. Each row has the same parameters in the same order: the columns they fill (the
     * first row's names are the column list).
     */
    static void copy(JdbcOperations jdbc, String table, List<MapSqlParameterSource> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var columns = List.of(rows.get(0).getParameterNames());
        var sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin (format binary)";
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                var data = new Buffer();
                data.writeBytes(SIGNATURE);
                data.putInt(0); // flags
                data.putInt(0); // header extension
                for (var row : rows) {
                    data.putShort(columns.size());
                    for (var column : columns) {
                        data.putValue(row.getValue(column));
                    }
                    if (data.size() >= PIECE) {
                        data.sendTo(copy);
                    }
                }
                data.putShort(-1);
                data.sendTo(copy);
                return copy.endCopy();
            } finally {
                // as the driver's own CopyManager does: never leave the connection in the middle of a COPY
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
    }

    /**
     * A {@code timestamptz} as the server keeps it: microseconds since 2000-01-01 UTC, rounded half up as the driver
     * rounds an {@link OffsetDateTime} parameter; the driver's infinities outside its range; and for an instant too far
     * out for that (the server's range ends long before), a value the server refuses as out of range, as it refuses
     * the driver's text.
     */
    static long microseconds(OffsetDateTime value) {
        if (value.isAfter(MAX)) {
            return Long.MAX_VALUE;
        }
        if (value.isBefore(MIN)) {
            return Long.MIN_VALUE;
        }
        var instant = value.toInstant();
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH, 1_000_000L),
                    (instant.getNano() + 500) / 1000);
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE + 1;
        }
    }

    /** The rows' bytes in COPY's binary format: big-endian numbers, each value with its length (-1 for null). */
    private static final class Buffer extends ByteArrayOutputStream {

        Buffer() {
            super(PIECE + 4096);
        }

        void putValue(@Nullable Object value) {
            if (value == null) {
                putInt(-1);
            } else if (value instanceof String text) {
                // an unpaired surrogate becomes '?', as in a bound parameter; a NUL goes as it is and the server refuses
                // it (SQL state 22021) as it refuses it in a bound parameter
                var bytes = text.getBytes(StandardCharsets.UTF_8);
                putInt(bytes.length);
                writeBytes(bytes);
            } else if (value instanceof Long number) {
                putInt(8);
                putLong(number);
            } else if (value instanceof Integer number) {
                putInt(4);
                putInt(number);
            } else if (value instanceof Boolean bool) {
                putInt(1);
                write(bool ? 1 : 0);
            } else if (value instanceof OffsetDateTime time) {
                putInt(8);
                putLong(microseconds(time));
            } else {
                throw new IllegalArgumentException("no COPY column type for a " + value.getClass().getName());
            }
        }

        private final byte[] number = new byte[8];

        void putShort(int value) {
            putNumber(value, 2);
        }

        void putInt(int value) {
            putNumber(value, 4);
        }

        void putLong(long value) {
            putNumber(value, 8);
        }

        private void putNumber(long value, int bytes) {
            for (int i = 0; i < bytes; i++) {
                number[i] = (byte) (value >>> (8 * (bytes - 1 - i)));
            }
            write(number, 0, bytes);
        }

        void sendTo(CopyIn copy) throws SQLException {
            if (count > 0) {
                copy.writeToCopy(buf, 0, count);
                reset();
            }
        }
    }
}
