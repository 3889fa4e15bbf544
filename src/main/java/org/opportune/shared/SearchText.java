package org.opportune.shared;

import java.sql.SQLException;
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
     * The search as a full-text condition whose costly part stays out of the GIN index: the whole words
     * ({@code :words}) are looked up in the index, and the last word's prefix ({@code :prefix}) is checked only on
     * the rows they found. A prefix is expanded into every word it starts, and GIN then builds a bitmap of every
     * row holding any of them: for {@code bv:*} or {@code example:*} (in a large share of messages or addresses)
     * that cost 15–130 ms, where the whole words found the same rows in 1–5 ms.
     * <p>What matches: every run of letters and digits, all of them required, the last one as the start of a word
     * (it may still be being typed), the others as whole words ({@code eichenparkett 40} → {@code eichenparkett} and
     * {@code 40:*}, the same rows as {@code eichenparkett & 40:*}); a single word is its prefix, looked up in the
     * index; a whole mail address is one word ({@link #addressQuery}). Empty when the text has no word.
     */
    public static java.util.Optional<WordQuery> wordQuery(String text) {
        var address = addressQuery(text);
        if (!address.isEmpty()) {
            return java.util.Optional.of(new WordQuery(address, ""));
        }
        var words = words(text);
        if (words.isEmpty()) {
            return java.util.Optional.empty();
        }
        var last = term(words.get(words.size() - 1), ":*");
        return java.util.Optional.of(words.size() == 1 ? new WordQuery(last, "")
                : new WordQuery(String.join(" & ", words.subList(0, words.size() - 1).stream().map(w -> term(w, "")).toList()),
                        last));
    }

    /**
     * A search's {@code to_tsquery('simple', …)} arguments: {@code words} for the index, and {@code prefix} (may be
     * empty) to check on what the index found.
     */
    public record WordQuery(String words, String prefix) {

        /** The SQL condition on {@code vector}, an indexed {@code tsvector} expression, with {@link #bind}'s parameters. */
        public String condition(String vector) {
            var indexed = vector + " @@ to_tsquery('simple', :words)";
            // ts_match_vq is the @@ operator's function: the planner does not take it to the index
            return prefix.isEmpty() ? indexed : indexed + " and ts_match_vq(" + vector + ", to_tsquery('simple', :prefix))";
        }

        public org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bind(
                org.springframework.jdbc.core.simple.JdbcClient.StatementSpec statement) {
            return prefix.isEmpty() ? statement.param("words", words) : statement.param("words", words).param("prefix", prefix);
        }
    }

    /**
     * One word of the query. PostgreSQL's parser reads the digits after a hyphen as a negative number
     * ({@code Q-2291} is {@code q} and {@code -2291}, {@code 2025-11-03} is {@code 2025}, {@code -11}, {@code -03}),
     * so a number is looked up both ways: a search for a quote number finds it.
     */
    private static String term(String word, String suffix) {
        return word.matches("[0-9]+") ? "(" + word + suffix + " | -" + word + suffix + ")" : word + suffix;
    }

    /**
     * The runs of letters and digits; a decimal number ({@code 12.50}, the {@code 250.00} of {@code 1,250.00}) stays
     * one word, as PostgreSQL's parser stores it.
     */
    private static java.util.List<String> words(String text) {
        return WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(java.util.regex.MatchResult::group).toList();
    }

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[0-9]+(?:\\.[0-9]+)+|[\\p{L}\\p{N}]+");

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
