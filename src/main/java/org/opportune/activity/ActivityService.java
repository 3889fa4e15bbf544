package org.opportune.activity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading, exporting and verifying the activity trail. Writing happens only through {@code Audited} events. */
@Service
@Transactional(readOnly = true)
public class ActivityService {

    static final int PAGE_SIZE = 50;
    private static final int BATCH = 1000;

    private final ActivityStore store;
    private final ActivityQueries queries;

    ActivityService(ActivityStore store, ActivityQueries queries) {
        this.store = store;
        this.queries = queries;
    }

    public ActivitySlice page(ActivityFilter filter, int page) {
        return queries.page(filter.normalised(), Math.max(0, page), PAGE_SIZE);
    }

    /**
     * Recomputes every entry's hash and link, oldest first, in batches (any size of trail), and
     * checks that the chain's recorded end is the last entry (so removing the newest entries shows too).
     */
    public ChainVerification verify() {
        var expectedPrev = ActivityChain.GENESIS;
        long expectedId = 1;
        long checked = 0;
        var batch = store.batchAfter(0, BATCH);
        while (!batch.isEmpty()) {
            for (var entry : batch) {
                var problem = ActivityChain.problemWith(entry, expectedPrev, expectedId);
                if (problem != null) {
                    return ChainVerification.broken(checked, entry.id(), problem);
                }
                checked++;
                expectedPrev = entry.hash();
                expectedId = entry.id() + 1;
            }
            batch = store.batchAfter(expectedId - 1, BATCH);
        }
        var head = store.head();
        if (head.lastId() != expectedId - 1 || !head.lastHash().equals(expectedPrev)) {
            return ChainVerification.broken(checked, expectedId,
                    "the trail ends at entry " + (expectedId - 1) + " but " + head.lastId()
                            + " entries were written: the newest entries were removed");
        }
        return ChainVerification.intact(checked);
    }

    /** Writes the matching entries as CSV, newest first; cells that a spreadsheet would run as formulas are defused. */
    public void exportCsv(ActivityFilter filter, Writer out) {
        var normalised = filter.normalised();
        try {
            out.write("id,time_utc,actor,action,subject_type,subject_id,before,after,origin,hash\r\n");
            var batch = queries.batchBefore(normalised, Long.MAX_VALUE, BATCH);
            while (!batch.isEmpty()) {
                for (var e : batch) {
                    out.write(Csv.row(Long.toString(e.id()), DateTimeFormatter.ISO_INSTANT.format(e.occurredAt()),
                            e.actorName(), e.action(), e.subjectType(), e.subjectId(), e.beforeJson(), e.afterJson(),
                            e.origin(), e.hash()));
                }
                batch = queries.batchBefore(normalised, batch.get(batch.size() - 1).id(), BATCH);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
