package org.opportune.identity;

import java.util.EnumSet;
import java.util.Set;

import static org.opportune.identity.Permission.*;

/** The four roles of the product; each is a fixed set of {@link Permission}s. */
public enum Role {
    ADMIN("Admin", "connects mailboxes, manages people and access, sees everything",
            EnumSet.allOf(Permission.class)),
    MANAGER("Manager", "sees every deal and queue, assigns and reassigns work",
            EnumSet.of(INBOX_VIEW, INBOX_WORK, PIPELINE_VIEW, DEAL_VALUES_VIEW, WORK_ASSIGN, TEAM_REVIEW)),
    REP("Sales rep", "works the shared inbox, claims leads, replies, moves own deals",
            EnumSet.of(INBOX_VIEW, INBOX_WORK, PIPELINE_VIEW, DEAL_VALUES_VIEW)),
    VIEWER("Support / read-only", "reads conversations and customers; no deal values",
            EnumSet.of(INBOX_VIEW, PIPELINE_VIEW));

    private final String label;
    private final String description;
    private final Set<Permission> permissions;

    Role(String label, String description, Set<Permission> permissions) {
        this.label = label;
        this.description = description;
        this.permissions = Set.copyOf(permissions);
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }
}
