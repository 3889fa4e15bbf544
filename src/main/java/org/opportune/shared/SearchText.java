package org.opportune.shared;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * What a search box's text becomes in SQL. H2 searches with {@code LIKE} (a substring, ignoring case);
 * PostgreSQL with full-text search over {@code tsvector} columns of the {@code simple} configuration
 * (every word the text contains, each as the start of a word, ignoring case), which a GIN index serves.
 */
public final class SearchText {

    private SearchText() {
    }

    /** {@code %text%} for {@code LIKE}, lower case, with the wildcards in the text escaped. */
    public static String likePattern(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * A {@code to_tsquery('simple', …)} argument: every run of letters and digits as a prefix, all of them
     * required ({@code eichenparkett-40} → {@code eichenparkett:* & 40:*}); empty when there is no word.
     */
    public static String prefixQuery(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .map(word -> word + ":*")
                .collect(Collectors.joining(" & "));
    }

    /** True when the data source is PostgreSQL (full-text search), false for H2 ({@code LIKE}). */
    public static boolean fullText(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }
}
