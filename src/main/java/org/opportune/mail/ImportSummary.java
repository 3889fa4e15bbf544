package org.opportune.mail;

import java.util.List;

/**
 * What an import did: every message read is counted exactly once, as new, duplicate or quarantined.
 *
 * @param skippedFiles files in the given directories that are not mail (reported, not imported)
 */
public record ImportSummary(int newMessages, int duplicates, int quarantined, List<String> skippedFiles) {

    public int read() {
        return newMessages + duplicates + quarantined;
    }

    /** The import's last line, exactly: {@code imported N new, D duplicate, Q quarantined}. */
    public String line() {
        return "imported " + newMessages + " new, " + duplicates + " duplicate, " + quarantined + " quarantined";
    }
}
