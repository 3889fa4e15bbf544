package org.opportune.shared;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Ids written into a query's text ({@code message_id in (12,13,14)}) instead of one bind parameter each. For
 * lookups by many ids in tables that grow fast (an import's follow-up work asks "which of these 250 messages
 * are threaded already?" hundreds of times while the table grows from empty): with parameters, PostgreSQL
 * keeps the generic plan it picked after five runs, a sequential scan chosen while the table was small, which
 * took 75–400 ms a query after 80,000 messages; with the ids in the text every query is planned for the table
 * as it is, an index lookup. Only numbers go into the text, so nothing can be injected.
 */
public final class IdList {

    private IdList() {
    }

    /** "12,13,14" for a {@code in (...)}; callers leave out the query when there are no ids. */
    public static String literal(Collection<Long> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no ids: an empty in () is not SQL");
        }
        return ids.stream().map(id -> Long.toString(id)).collect(Collectors.joining(","));
    }
}
