package org.opportune.opportunity;

import org.jspecify.annotations.Nullable;

/** A claim lost: the opportunity has an owner already (maybe since a moment ago); maps to 409. */
public class AlreadyOwnedException extends RuntimeException {

    private final @Nullable Long ownerId;

    AlreadyOwnedException(@Nullable Long ownerId, String ownerName) {
        super("Already owned by " + ownerName + ": only an unowned opportunity can be claimed. Ask " + ownerName
                + " or a manager to hand it over.");
        this.ownerId = ownerId;
    }

    public @Nullable Long ownerId() {
        return ownerId;
    }
}
