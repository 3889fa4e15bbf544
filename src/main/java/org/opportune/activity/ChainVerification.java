package org.opportune.activity;

import org.jspecify.annotations.Nullable;

/**
 * The result of recomputing the activity trail's hash chain.
 *
 * @param firstBrokenId the first entry whose content or link does not match (null when intact)
 * @param problem       what does not match, in words (null when intact)
 */
public record ChainVerification(boolean intact, long entriesChecked, @Nullable Long firstBrokenId,
        @Nullable String problem) {

    static ChainVerification intact(long checked) {
        return new ChainVerification(true, checked, null, null);
    }

    static ChainVerification broken(long checked, long entryId, String problem) {
        return new ChainVerification(false, checked, entryId, problem);
    }
}
