package org.opportune.activity;

import java.util.List;

/** One page of entries, newest first, with the total that matched. */
public record ActivitySlice(List<ActivityEntry> entries, long total, int page, int size) {

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public long firstNumber() {
        return entries.isEmpty() ? 0 : (long) page * size + 1;
    }

    public long lastNumber() {
        return (long) page * size + entries.size();
    }
}
