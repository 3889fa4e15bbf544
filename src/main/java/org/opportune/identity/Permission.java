package org.opportune.identity;

/**
 * What a person may do, checked on the server. Roles are fixed sets of these; modules check the
 * permission, never the role, so a role can change without touching feature code.
 */
public enum Permission {
    /** Reach anything under {@code /admin}. */
    ADMINISTER,
    /** Create users, change roles, deactivate and reactivate. */
    USERS_MANAGE,
    /** Read and export the activity trail. */
    ACTIVITY_VIEW,
    /** Read the shared inbox and customer records. */
    INBOX_VIEW,
    /** Claim, reply, note, triage. */
    INBOX_WORK,
    /** See the pipeline and opportunities. */
    PIPELINE_VIEW,
    /** See deal values, pricing, quotes and invoices. */
    DEAL_VALUES_VIEW,
    /** Assign and reassign work to other people. */
    WORK_ASSIGN,
    /** See everyone's review queues and the reports. */
    TEAM_REVIEW;

    /** The authority string Spring Security checks, the same as the enum's name. */
    public String authority() {
        return name();
    }
}
