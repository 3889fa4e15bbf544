package org.opportune.opportunity;

import java.util.List;

/**
 * An edit carried an old version: someone changed the opportunity after the person loaded it. Nothing
 * was saved; {@link #changes()} lists what changed since, so they can decide again. Maps to 409.
 */
public class StaleOpportunityException extends RuntimeException {

    private final long opportunityId;
    private final int yourVersion;
    private final int currentVersion;
    private final List<FieldChange> changes;

    StaleOpportunityException(long opportunityId, int yourVersion, int currentVersion, List<FieldChange> changes) {
        super("Someone changed this opportunity after you opened it (version " + yourVersion + ", now " + currentVersion
                + "). Nothing was saved. Changed since: " + describe(changes));
        this.opportunityId = opportunityId;
        this.yourVersion = yourVersion;
        this.currentVersion = currentVersion;
        this.changes = List.copyOf(changes);
    }

    private static String describe(List<FieldChange> changes) {
        return changes.isEmpty() ? "(details not recorded)"
                : String.join("; ", changes.stream().map(FieldChange::sentence).toList()) + ".";
    }

    public long opportunityId() {
        return opportunityId;
    }

    public int yourVersion() {
        return yourVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public List<FieldChange> changes() {
        return changes;
    }
}
