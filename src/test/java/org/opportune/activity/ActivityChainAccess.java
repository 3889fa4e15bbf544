package org.opportune.activity;

/** The activity chain's hash for tools outside the module (the workspace generator writes a valid chain). */
public final class ActivityChainAccess {

    private ActivityChainAccess() {
    }

    public static String hash(ActivityEntry entry) {
        return ActivityChain.hash(entry);
    }

    public static String genesis() {
        return ActivityChain.GENESIS;
    }
}
