package org.opportune.opportunity;

/** Someone an opportunity can be given to: an active user who may work the inbox. */
public record AssignableUser(long id, String username, String displayName) {
}
