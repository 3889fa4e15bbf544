package org.opportune.shared;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * What a search box's text becomes in SQL. H2 searches with {@code LIKE} (a substring, ignoring case);
 * PostgreSQL with full-text search over {@code tsvector} columns of the {@code simple} configuration
 * (every word of the text, in any order, ignoring case; the last one may be the start of a word), which
 * GIN indexes serve.
 */
public final class SearchText {

    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]*@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}");

    private SearchText() {
    }

    /** {@code %text%} for {@code LIKE}, lower case, with the wildcards in the text escaped. */
    public static String likePattern(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * A {@code to_tsquery('simple', …)} argument: every run of letters and digits, all of them required, the
     * last one as the start of a word (it may still be being typed), the others as whole words
     * ({@code eichenparkett 40} → {@code eichenparkett & 40:*}); empty when there is no word. Whole words keep
     * the GIN lookups cheap: a prefix is expanded into every word it starts.
     */
    public static String prefixQuery(String text) {
        var words = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .toList();
        if (words.isEmpty()) {
            return "";
        }
        return String.join(" & ", words.subList(0, words.size() - 1))
                + (words.size() > 1 ? " & " : "") + words.get(words.size() - 1) + ":*";
    }

    /**
     * For a search that is one whole mail address, the {@code to_tsquery('simple', …)} argument of that address
     * as one word (PostgreSQL's parser keeps an address in a text as one word): an exact lookup instead of
     * every word of it, each of which (example, com, …) is in most messages. Empty for anything else.
     */
    public static String addressQuery(String text) {
        var address = text.strip().toLowerCase(Locale.ROOT);
        return ADDRESS.matcher(address).matches() ? "'" + address + "'" : "";
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
